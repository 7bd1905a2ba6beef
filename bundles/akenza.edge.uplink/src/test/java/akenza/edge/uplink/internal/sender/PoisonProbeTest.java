// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.buffer.BufferSettings;
import akenza.edge.uplink.internal.buffer.BufferWriter;
import akenza.edge.uplink.internal.buffer.OverflowPolicy;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonProbeTest {

    @TempDir
    Path dir;

    @Test
    void aRecordRefusedTwiceWhileAloneIsTheCulprit() throws Exception {
        ForwarderStats stats = new ForwarderStats();
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, new BufferSettings(dir, 1 << 20, Duration.ofDays(1),
                    OverflowPolicy.DROP_OLDEST, 5, 10, false, true), stats, () -> { }, () -> true);
            for (int i = 0; i < 3; i++) {
                writer.offer(new Uplink("d", List.of(), "default", new byte[] {(byte) i}, 1, false,
                        MessageProperties.NONE, Instant.now())).toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            writer.close();
            long first = buffer.firstSeq();
            PoisonProbe probe = new PoisonProbe();
            assertFalse(probe.limitsWindow(buffer));
            assertNull(probe.refused(buffer, Set.of(first, first + 1, first + 2)), "first refusal only suspects");
            assertTrue(probe.limitsWindow(buffer), "the suspect goes alone");
            assertEquals(first, probe.refused(buffer, Set.of(first)), "refused again while alone: the culprit");
            assertFalse(probe.limitsWindow(buffer));

            assertNull(probe.refused(buffer, Set.of(first)));
            buffer.remove(first);
            assertFalse(probe.limitsWindow(buffer), "an acknowledged suspect clears the probe");
            assertTrue(PoisonProbe.blamesAMessage(0x87));
            assertFalse(PoisonProbe.blamesAMessage(0x80));
            assertFalse(PoisonProbe.blamesAMessage(-1));
        }
    }
}
