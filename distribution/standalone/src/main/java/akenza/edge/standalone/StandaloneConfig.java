// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * First-start configuration: one {@code <pid>.cfg} per akenza component (so each activates with its
 * metatype defaults, as Kura does when it seeds ConfigAdmin) and the web console's credentials.
 * Existing files are never touched.
 */
final class StandaloneConfig {

    /** The akenza components; each needs a configuration to activate (configuration policy REQUIRE). */
    static final List<String> COMPONENT_PIDS = List.of("akenza.edge.broker.MqttBroker",
            "akenza.edge.credentials.DeviceCredentials", "akenza.edge.topics.TopicPolicy",
            "akenza.edge.uplink.Forwarder");

    /** The web console's credentials, read by the launcher (not a ConfigAdmin configuration). */
    static final String CONSOLE_FILE = "console.properties";

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private StandaloneConfig() {
    }

    static void seed(Path conf, Options options, PrintStream out) throws IOException {
        for (String pid : COMPONENT_PIDS) {
            Path file = conf.resolve(pid + ".cfg");
            if (!Files.exists(file)) {
                Files.writeString(file, "# " + pid + ": unset properties take their defaults (see the web console)\n");
            }
        }
        Path console = conf.resolve(CONSOLE_FILE);
        if (!Files.exists(console)) {
            Files.writeString(console, "username=admin\npassword=" + randomPassword() + "\n");
            restrict(console);
            out.println("web console user 'admin'; its password was generated into " + console.toAbsolutePath());
        }
    }

    /**
     * @param conf the configuration directory
     * @return the web console's user name and password as framework properties
     */
    static Map<String, String> consoleCredentials(Path conf) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(conf.resolve(CONSOLE_FILE))) {
            p.load(r);
        }
        return Map.of("felix.webconsole.username", p.getProperty("username", "admin"),
                "felix.webconsole.password", p.getProperty("password", randomPassword()));
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
    }
}
