// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code java -jar akenza-edge.jar [--conf DIR] [--data DIR] [--console-port N]}: starts Equinox with the
 * kura-platform and akenza-edge features and the standalone extras packed in this jar, and stops it
 * cleanly on SIGTERM.
 */
public final class Launcher {

    private static final List<String> FEATURES = List.of("kura-platform", "akenza-edge", "standalone");

    private Launcher() {
    }

    /**
     * @param args command-line options
     * @throws Exception when the framework cannot start
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        run(options, System.out);
    }

    static void run(Options options, PrintStream out) throws Exception {
        Path conf = options.conf().toAbsolutePath();
        Path data = options.data().toAbsolutePath();
        Files.createDirectories(conf);
        Files.createDirectories(data);
        StandaloneConfig.seed(conf, options, out);

        Framework framework = ServiceLoader.load(FrameworkFactory.class, Launcher.class.getClassLoader()).iterator().next()
                .newFramework(frameworkProperties(options, conf, data));
        framework.start();
        installBundles(framework.getBundleContext());
        reportInactiveBundles(framework.getBundleContext());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "akenza-edge-shutdown"));
        out.println("akenza Edge started: configuration in " + conf + ", data in " + data
                + ", web console http://localhost:" + options.consolePort() + "/system/console");
        framework.waitForStop(0);
    }

    private static Map<String, String> frameworkProperties(Options options, Path conf, Path data)
            throws IOException {
        Map<String, String> p = new HashMap<>(StandaloneConfig.consoleCredentials(conf));
        p.put("org.osgi.framework.storage", data.resolve("framework").toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("osgi.console", null);
        p.put("akenza.edge.home", data.toString());
        // Read (and watched for edits) by the akenza.edge.standalone.config bundle, which also writes console
        // edits back to the files.
        p.put("akenza.edge.conf", conf.toString());
        p.put("org.osgi.service.http.port", Integer.toString(options.consolePort()));
        p.put("org.apache.felix.http.host", options.consoleHost());
        // Gogo reads commands from standard input; without a terminal it must not stop the gateway at EOF.
        p.put("gosh.args", System.console() == null ? "--nointeractive --noshutdown" : "--noshutdown");
        p.values().removeIf(v -> v == null);
        // Equinox also reads system properties, so -Dkey=value on the command line overrides these.
        System.setProperty("akenza.edge.home", data.toString());
        // slf4j-simple reads system properties only (not framework properties): every line gets a timestamp.
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
        return p;
    }

    private static void installBundles(BundleContext context) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (String feature : FEATURES) {
            for (String entry : PackedBundles.list(feature)) {
                try (InputStream in = PackedBundles.open(entry)) {
                    installed.add(context.installBundle("packed:" + entry, in));
                }
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    System.err.println("cannot start " + b.getSymbolicName() + ": " + e.getMessage());
                    if (e.getCause() != null) {
                        System.err.println("  cause: " + e.getCause());
                    }
                }
            }
        }
    }

    private static void reportInactiveBundles(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE) {
                System.err.println("bundle not active: " + b.getSymbolicName() + " " + b.getVersion());
            }
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        } catch (BundleException | InterruptedException e) {
            System.err.println("clean shutdown failed: " + e);
        }
    }
}
