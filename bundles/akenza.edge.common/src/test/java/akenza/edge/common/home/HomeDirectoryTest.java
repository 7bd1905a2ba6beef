// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeDirectoryTest {

    @Test
    void akenzaHomeThenKuraHomeThenData() {
        assertEquals(Path.of("/x/home"), HomeDirectory.resolve(Map.of("akenza.edge.home", " /x/home ",
                "kura.home", "/opt/kura")::get));
        assertEquals(Path.of("/opt/kura/user/akenza-edge"), HomeDirectory.resolve(Map.of("kura.home",
                "/opt/kura", "akenza.edge.home", " ")::get));
        assertEquals(Path.of("data"), HomeDirectory.resolve(Map.<String, String>of()::get));
    }
}
