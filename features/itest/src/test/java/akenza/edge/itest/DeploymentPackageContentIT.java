// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The build check on the Kura deployment package: it holds exactly the akenza-edge feature, and never a
 * bundle Kura already ships (Deployment Admin does not share bundles between packages, so a duplicate
 * would clash on the gateway).
 */
public class DeploymentPackageContentIT {

    /** Bundles Kura 5.5 provides: shipping them again breaks the install. */
    private static final Pattern SLF4J_IMPORT = Pattern.compile("(?:^|,)org\\.slf4j;version=\"([^\"]+)\"");

    private static final List<String> KURA_OWNS = List.of("io.netty", "bcprov", "bcpkix", "bcutil", "bctls",
            "com.google.gson", "com.h2database", "org.h2", "akenza.edge.kura.standin", "org.eclipse.kura",
            "slf4j.api", "org.apache.felix.scr", "org.eclipse.osgi");

    @Test
    public void holdsExactlyTheAkenzaEdgeFeature() throws IOException {
        assertEquals(symbolicNames(Features.bundleFiles(Features.AKENZA_EDGE)), packageSymbolicNames());
    }

    /**
     * Felix Deployment Admin 0.9.5 refuses a whole package when another package already owns a bundle of the same
     * symbolic name: every bundle we ship carries a name only we use.
     */
    @Test
    public void shipsOnlyAkenzaOwnedSymbolicNames() throws IOException {
        for (String bsn : packageSymbolicNames()) {
            assertTrue(bsn + " is not an akenza-owned symbolic name (re-wrap it under akenza.edge.*)",
                    bsn.startsWith("akenza.edge."));
        }
    }

    @Test
    public void holdsNoBundleKuraShips() throws IOException {
        for (String bsn : packageSymbolicNames()) {
            for (String owned : KURA_OWNS) {
                assertTrue("the deployment package must not ship " + bsn + " (Kura provides it)",
                        !bsn.startsWith(owned));
            }
        }
    }

    @Test
    public void kuraPlatformFeatureIsDisjointFromOurs() throws IOException {
        Set<String> ours = symbolicNames(Features.bundleFiles(Features.AKENZA_EDGE));
        for (String bsn : symbolicNames(Features.bundleFiles(Features.KURA_PLATFORM))) {
            assertTrue(bsn + " is in both features", !ours.contains(bsn));
        }
    }

    /** Kura 5.5 ships slf4j 1.7.36; later Kura lines ship slf4j 2: our imports must accept both. */
    @Test
    public void importsSlf4jFrom17To2() throws IOException {
        int importers = 0;
        for (Path jar : Features.bundleFiles(Features.AKENZA_EDGE)) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                String imports = jf.getManifest().getMainAttributes().getValue("Import-Package");
                Matcher m = SLF4J_IMPORT.matcher(imports == null ? "" : imports);
                if (m.find()) {
                    importers++;
                    assertEquals(jar.getFileName() + " imports org.slf4j", "[1.7,3)", m.group(1));
                }
            }
        }
        assertTrue("some bundle logs through slf4j", importers > 0);
    }

    private static Set<String> packageSymbolicNames() throws IOException {
        try (JarFile dp = new JarFile(Features.deploymentPackage().toFile())) {
            Manifest m = dp.getManifest();
            assertTrue("a deployment package symbolic name",
                    m.getMainAttributes().getValue("DeploymentPackage-SymbolicName") != null);
            Set<String> names = new TreeSet<>();
            for (Attributes entry : m.getEntries().values()) {
                String bsn = entry.getValue("Bundle-SymbolicName");
                if (bsn != null) {
                    names.add(bsn);
                }
            }
            return names;
        }
    }

    private static Set<String> symbolicNames(List<Path> jars) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path jar : jars) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                String bsn = jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                names.add(bsn.split(";")[0].trim());
            }
        }
        return names;
    }
}
