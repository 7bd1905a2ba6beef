// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.testing.AkenzaUpstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Test classes that forward to one akenza stand-in (HiveMQ CE), started once per class and stopped after it. */
abstract class WithAkenzaUpstream {

    @TempDir
    static Path hivemqDir;

    static AkenzaUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = AkenzaUpstream.start(hivemqDir, List.of());
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }
}
