// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The akenza Edge home rule: a configured directory if any; else system property {@code akenza.edge.home};
 * else {@code ${kura.home}/user/akenza-edge} on Kura (system property {@code kura.home} set); else
 * {@code ./data}.
 */
final class HomeDirectory {

    /** System property naming the home directory. */
    static final String HOME_PROPERTY = "akenza.edge.home";
    /** System property Kura sets to its installation directory. */
    static final String KURA_HOME_PROPERTY = "kura.home";

    private HomeDirectory() {
    }

    /**
     * @param configured the component's {@code home.dir}, empty when unset
     * @param systemProperties system property lookup ({@code System::getProperty} outside tests)
     * @return the home directory (not created)
     */
    static Path resolve(String configured, UnaryOperator<String> systemProperties) {
        if (configured != null && !configured.isBlank()) {
            return path(SettingsParser.HOME_DIR, configured.strip());
        }
        String home = systemProperties.apply(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return path("system property " + HOME_PROPERTY, home.strip());
        }
        String kuraHome = systemProperties.apply(KURA_HOME_PROPERTY);
        if (kuraHome != null && !kuraHome.isBlank()) {
            return path("system property " + KURA_HOME_PROPERTY, kuraHome.strip()).resolve("user")
                    .resolve("akenza-edge");
        }
        return Path.of("data");
    }

    /**
     * @param source what names the path, for the error message
     * @param value the path text
     * @return the path
     */
    static Path path(String source, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(source + " is not a valid path: '" + value + "'", e);
        }
    }
}
