// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/**
 * Builds deployment packages (OSGi Deployment Admin format: a jar whose manifest comes first and names every
 * bundle entry with its symbolic name and version) for the Deployment Admin tests: another vendor's package, and
 * the next build of ours.
 */
final class DeploymentPackages {

    private DeploymentPackages() {
    }

    /**
     * @param name the package's symbolic name
     * @param version the package's version
     * @param bundles the bundles to ship (their symbolic names and versions are read from their manifests)
     * @return the package
     */
    static InputStream of(String name, String version, Path... bundles) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path b : bundles) {
            entries.put("bundles/" + b.getFileName(), Files.readAllBytes(b));
        }
        return write(name, version, entries);
    }

    /**
     * The next build of a package: the same content with a higher package version and every bundle's version
     * raised (its qualifier extended), so Deployment Admin updates each bundle as it does between two builds.
     *
     * @param dp the package
     * @return the package's next build
     */
    static InputStream nextBuild(Path dp) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String name;
        String version;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            Attributes main = in.getManifest().getMainAttributes();
            name = main.getValue("DeploymentPackage-SymbolicName");
            version = next(main.getValue("DeploymentPackage-Version"));
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), withNextVersion(in.readAllBytes()));
                }
            }
        }
        return write(name, version, entries);
    }

    /** @return the version with its qualifier extended: higher than the given one */
    static String next(String version) {
        Version v = Version.parseVersion(version);
        String q = v.getQualifier().isEmpty() ? "next" : v.getQualifier() + "-next";
        return new Version(v.getMajor(), v.getMinor(), v.getMicro(), q).toString();
    }

    private static byte[] withNextVersion(byte[] bundle) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Manifest m = new Manifest(in.getManifest());
            Attributes a = m.getMainAttributes();
            a.putValue("Bundle-Version", next(a.getValue("Bundle-Version")));
            try (JarOutputStream jar = new JarOutputStream(out, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static InputStream write(String name, String version, Map<String, byte[]> bundles) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("DeploymentPackage-SymbolicName", name);
        m.getMainAttributes().putValue("DeploymentPackage-Version", version);
        for (Map.Entry<String, byte[]> e : bundles.entrySet()) {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(e.getValue()))) {
                Attributes bundle = in.getManifest().getMainAttributes();
                Attributes entry = new Attributes();
                entry.putValue("Bundle-SymbolicName", bundle.getValue("Bundle-SymbolicName").split(";")[0].trim());
                entry.putValue("Bundle-Version", bundle.getValue("Bundle-Version"));
                m.getEntries().put(e.getKey(), entry);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (Map.Entry<String, byte[]> e : bundles.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
