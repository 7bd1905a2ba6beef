// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where akenza Edge keeps its files: the project-wide rule, in one place for this bundle. */
public final class HomeDirectory {

    private HomeDirectory() {
    }

    /**
     * @return {@code akenza.edge.home} if set; else {@code ${kura.home}/user/akenza-edge} when
     *         {@code kura.home} is set; else {@code ./data}
     */
    public static Path resolve() {
        String home = System.getProperty("akenza.edge.home");
        if (home != null && !home.isBlank()) {
            return Paths.get(home);
        }
        String kura = System.getProperty("kura.home");
        if (kura != null && !kura.isBlank()) {
            return Paths.get(kura, "user", "akenza-edge");
        }
        return Paths.get("data");
    }
}
