// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.io.ByteArrayInputStream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Installs both features into Equinox 3.16 with SCR 2.1.16, as on Kura 5.5, and checks that everything
 * resolves, starts and is satisfied; and that the check itself catches a broken bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayResolvesIT {

    @Inject
    private BundleContext context;

    /** @return Equinox with both features */
    @Configuration
    public Option[] config() {
        return options(Features.gateway());
    }

    @Test
    public void runsOnKuraFrameworkVersions() {
        assertEquals("org.eclipse.osgi", context.getBundle(0).getSymbolicName());
        assertTrue("Equinox 3.16 as on Kura 5.5, was " + context.getBundle(0).getVersion(),
                context.getBundle(0).getVersion().toString().startsWith("3.16.0"));
        Bundle scr = find("org.apache.felix.scr");
        assertNotNull("Felix SCR installed", scr);
        assertEquals(2, scr.getVersion().getMajor());
        assertEquals(1, scr.getVersion().getMinor());
        assertEquals(16, scr.getVersion().getMicro());
    }

    @Test
    public void everyBundleOfBothFeaturesIsInstalled() {
        for (String feature : List.of(Features.KURA_PLATFORM, Features.AKENZA_EDGE)) {
            assertFalse(Features.bundleFiles(feature).isEmpty());
        }
        assertNotNull("api bundle installed", find("akenza.edge.api"));
        assertNotNull("kura stand-in installed", find("akenza.edge.kura.standin"));
    }

    @Test
    public void everyBundleResolvesAndStartsAndEveryComponentIsSatisfied() {
        List<String> problems = FrameworkHealth.problems(context);
        assertTrue("framework problems: " + problems, problems.isEmpty());
    }

    @Test
    public void healthCheckCatchesABrokenImport() throws Exception {
        Bundle broken = context.installBundle("memory:broken", brokenBundle());
        try {
            List<String> problems = FrameworkHealth.problems(context);
            assertTrue("the check must report the broken bundle: " + problems,
                    problems.stream().anyMatch(p -> p.contains("akenza.edge.itest.broken")));
        } finally {
            broken.uninstall();
        }
        assertTrue(FrameworkHealth.problems(context).isEmpty());
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A bundle importing a package nobody exports: it must stay unresolved. */
    private static InputStream brokenBundle() throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "akenza.edge.itest.broken");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "akenza.edge.does.not.exist;version=\"[1.0,2)\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
