// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.home;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The akenza Edge home rule: system property {@value #HOME_PROPERTY} when set; else
 * {@code ${kura.home}/user/akenza-edge} on Kura (system property {@value #KURA_HOME_PROPERTY} set); else
 * {@code ./data}. A component that lets its configuration name a directory checks that first.
 */
public final class HomeDirectory {

    /** System property naming the home directory. */
    public static final String HOME_PROPERTY = "akenza.edge.home";
    /** System property Kura sets to its installation directory. */
    public static final String KURA_HOME_PROPERTY = "kura.home";

    private HomeDirectory() {
    }

    /** @return the home directory by the system properties (not created) */
    public static Path resolve() {
        return resolve(System::getProperty);
    }

    /**
     * @param systemProperties system property lookup ({@code System::getProperty} outside tests)
     * @return the home directory (not created)
     * @throws IllegalArgumentException when a system property holds no valid path
     */
    public static Path resolve(UnaryOperator<String> systemProperties) {
        String home = systemProperties.apply(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return path(HOME_PROPERTY, home.strip());
        }
        String kuraHome = systemProperties.apply(KURA_HOME_PROPERTY);
        if (kuraHome != null && !kuraHome.isBlank()) {
            return path(KURA_HOME_PROPERTY, kuraHome.strip()).resolve("user").resolve("akenza-edge");
        }
        return Path.of("data");
    }

    private static Path path(String property, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("system property " + property + " is not a valid path", e);
        }
    }
}
