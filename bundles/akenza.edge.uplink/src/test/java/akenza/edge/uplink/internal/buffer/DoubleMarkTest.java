// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause of "Double mark" (issue 14), reproduced without processes: a copy of the file taken while the
 * buffer is open is exactly what a kill -9 leaves behind (every commit is on disk). MVStore 2.1.214 opens
 * such a file through its recovery path, which treats chunks that had just become empty as taking no space
 * but leaves their entries, with their old positions, in the chunk table. New chunks then reuse that space.
 * A clean close with nothing left to commit marks the file clean with those stale entries in it; the next
 * open trusts them, finds two chunks on the same blocks and refuses the file for good. The buffer never
 * marks its file clean, so every open takes the recovery path, which checks each chunk.
 */
class DoubleMarkTest {

    @TempDir
    Path dir;

    private static byte[] record(int n) {
        return UplinkCodec.encode(new Uplink("dev-1", List.of("t"), "t",
                ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8), 1, false,
                MessageProperties.NONE, Instant.now()));
    }

    @Test
    void aCleanStopAfterAKilledRunLeavesAFileThatOpens() throws Exception {
        Path killed = Files.createDirectories(dir.resolve("killed"));
        try (UplinkBuffer buffer = UplinkBuffer.open(dir.resolve("first"), true, (r, n) -> { })) {
            for (int batch = 0; batch < 20; batch++) {
                for (int i = 0; i < 50; i++) {
                    buffer.append(record(batch * 50 + i));
                }
                buffer.commit(true);
            }
            // akenza acknowledged everything: the chunks are empty now, but not yet old enough to be reused.
            for (BufferedUplink u : buffer.read(Long.MIN_VALUE, 10_000)) {
                buffer.remove(u.seq());
            }
            buffer.commit(true);
            // kill -9 now: the file as it is on disk.
            Files.copy(dir.resolve("first").resolve("uplinks.mv.db"), killed.resolve("uplinks.mv.db"));
        }

        try (UplinkBuffer restarted = UplinkBuffer.open(killed, true, (r, n) -> { })) {
            assertEquals(0, restarted.count());
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 50; i++) {
                    restarted.append(record(10_000 + batch * 50 + i));
                }
                restarted.commit(true);
            }
        } // a clean stop, everything already committed

        try (UplinkBuffer reopened = UplinkBuffer.open(killed, true, (r, n) -> { })) {
            assertNull(reopened.salvage(), "the file opened as it is, nothing had to be salvaged");
            assertEquals(250, reopened.count());
        }
    }
}
