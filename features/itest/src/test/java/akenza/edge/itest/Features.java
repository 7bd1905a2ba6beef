// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The two bundle sets the build produces (features/kura-platform and features/akenza-edge), as Pax Exam
 * options. The feature modules are the single source of truth; this class only reads their output.
 */
public final class Features {

    /** The feature with the bundles Kura 5.5 provides. */
    public static final String KURA_PLATFORM = "kura-platform";
    /** The feature with what our deployment package ships. */
    public static final String AKENZA_EDGE = "akenza-edge";

    /**
     * Installed but never started, as on Kura, where they serve only its telnet console: both would read the
     * test JVM's standard input, which Failsafe uses to talk to its fork.
     */
    static final Set<String> NOT_STARTED = Set.of("org.apache.felix.gogo.shell", "org.eclipse.equinox.console");

    private Features() {
    }

    /**
     * @param feature a feature name
     * @return the bundle files of the feature, sorted by name
     */
    public static List<Path> bundleFiles(String feature) {
        String dir = System.getProperty("feature." + feature);
        if (dir == null) {
            throw new IllegalStateException("system property feature." + feature + " is not set (run through Maven)");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("feature " + feature + " has no bundles in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param feature a feature name
     * @return options installing every bundle of it; fragments are installed, not started
     */
    public static Option feature(String feature) {
        List<Option> options = new ArrayList<>();
        for (Path jar : bundleFiles(feature)) {
            options.add(bundle(jar.toUri().toString())
                    .start(!isFragment(jar.toFile()) && !NOT_STARTED.contains(symbolicName(jar.toFile()))));
        }
        return composite(options.toArray(new Option[0]));
    }

    /**
     * The common base of every in-framework test: Equinox (from the test class path) with both features.
     *
     * @return the options
     */
    public static Option gateway() {
        return composite(platform(), feature(AKENZA_EDGE));
    }

    /**
     * Equinox with only what Kura provides: the base for installing our deployment package as Kura would.
     *
     * @return the options
     */
    public static Option platform() {
        return composite(
                systemTimeout(120_000),
                cleanCaches(true),
                frameworkProperty("osgi.console").value(""),
                // Kura logs through slf4j into log4j 2; without a configuration file log4j logs this level to the console.
                systemProperty("org.apache.logging.log4j.level").value("INFO"),
                // Pax Exam's own bundles log before log4j-core starts, which leaves log4j on its SimpleLogger.
                systemProperty("org.apache.logging.log4j.simplelog.level").value("INFO"),
                systemProperty("akenza.edge.home").value(workDirectory().toString()),
                junitBundles(),
                feature(KURA_PLATFORM));
    }

    /**
     * The shared test fixtures (features/test-support) as a bundle, for tests that use them inside the framework:
     * the probe imports their package dynamically.
     *
     * @return the option installing and starting it
     */
    public static Option testSupport() {
        String jar = System.getProperty("itest.test-support");
        if (jar == null) {
            throw new IllegalStateException("system property itest.test-support is not set (run through Maven)");
        }
        return bundle(Path.of(jar).toUri().toString()).start(true);
    }

    /** @return a fresh directory for the gateway's files in this test run */
    public static Path workDirectory() {
        String base = System.getProperty("akenza.edge.itest.work", "target/itest-work");
        try {
            Files.createDirectories(Path.of(base));
            return Files.createTempDirectory(Path.of(base), "home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the Kura deployment package built by distribution/kura */
    public static Path deploymentPackage() {
        String dir = System.getProperty("akenza.edge.dp.dir");
        if (dir == null) {
            throw new IllegalStateException("system property akenza.edge.dp.dir is not set (run through Maven)");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> dps = files.filter(p -> p.toString().endsWith(".dp")).toList();
            if (dps.size() != 1) {
                throw new IllegalStateException("expected one .dp in " + dir + ", found " + dps);
            }
            return dps.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String symbolicName(File jar) {
        try (JarFile jf = new JarFile(jar)) {
            String bsn = jf.getManifest() == null ? null
                    : jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn == null ? "" : bsn.split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isFragment(File jar) {
        try (JarFile jf = new JarFile(jar)) {
            return jf.getManifest() != null && jf.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
