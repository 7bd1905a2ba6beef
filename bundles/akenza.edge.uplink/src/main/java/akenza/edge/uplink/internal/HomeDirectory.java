// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import java.nio.file.Path;

/** The akenza Edge home directory, where the buffer lives unless configured elsewhere. */
final class HomeDirectory {

    private HomeDirectory() {
    }

    /**
     * @return {@code akenza.edge.home} if set; else {@code ${kura.home}/user/akenza-edge} when {@code kura.home} is
     *         set; else {@code ./data}
     */
    static Path resolve() {
        String home = System.getProperty("akenza.edge.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home.trim());
        }
        String kura = System.getProperty("kura.home");
        if (kura != null && !kura.isBlank()) {
            return Path.of(kura.trim(), "user", "akenza-edge");
        }
        return Path.of("data");
    }
}
