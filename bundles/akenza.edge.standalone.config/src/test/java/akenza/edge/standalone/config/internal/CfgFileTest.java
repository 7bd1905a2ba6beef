// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTypedValuesAsTextAndReadsThemBack() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", "x");
        props.put("felix.fileinstall.filename", "file:/somewhere/x.cfg");
        props.put("max.connections", 7);
        props.put("tls.enabled", Boolean.FALSE);
        props.put("acl", "deny subscribe a/b\nallow all #");
        props.put("list", new String[] {"a", "b"});
        Map<String, String> values = CfgFile.textValues(props);
        assertEquals(Map.of("max.connections", "7", "tls.enabled", "false", "acl", "deny subscribe a/b\nallow all #",
                "list", "a,b"), values);

        Path file = dir.resolve("x.cfg");
        CfgFile.write(file, values);
        assertEquals(values, CfgFile.read(file));
        assertFalse(Files.exists(dir.resolve("x.cfg.tmp")), "the temporary file is renamed, not left behind");
    }

    @Test
    void aMissingFileReadsEmpty() throws Exception {
        assertEquals(Map.of(), CfgFile.read(dir.resolve("none.cfg")));
    }
}
