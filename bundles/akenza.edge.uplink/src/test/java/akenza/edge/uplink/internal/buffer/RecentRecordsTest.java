// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newest records are read from memory while the drain keeps up, and the file answers everything the cache
 * does not hold: removed records, evicted ones, large ones, and whatever came back after a reopen.
 */
class RecentRecordsTest {

    @TempDir
    Path dir;

    private final ForwarderStats stats = new ForwarderStats();

    private static Uplink uplink(int n, int size) {
        byte[] payload = new byte[size];
        payload[0] = (byte) n;
        return new Uplink("dev-" + n, List.of("t"), "t", payload, 1, false, MessageProperties.NONE,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static List<Long> seqs(List<BufferedUplink> batch) {
        List<Long> seqs = new ArrayList<>();
        batch.forEach(b -> seqs.add(b.seq()));
        return seqs;
    }

    @Test
    void theNewestRecordsComeFromMemoryAndRemovedOnesNeverDo() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            List<Uplink> offered = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Uplink u = uplink(i, 10);
                offered.add(u);
                buffer.append(UplinkCodec.encode(u), u);
            }
            Uplink large = uplink(5, RecentRecords.MAX_RECORD_BYTES + 1);
            buffer.append(UplinkCodec.encode(large), large);
            buffer.commit(false);

            List<BufferedUplink> all = buffer.read(1, 100);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(all));
            for (int i = 0; i < 5; i++) {
                assertSame(offered.get(i), all.get(i).uplink(), "record " + i + " from memory, not decoded again");
            }
            assertNotSame(large, all.get(5).uplink(), "a large record is read from the file");
            assertEquals(large, all.get(5).uplink());

            assertTrue(buffer.remove(3));
            List<BufferedUplink> afterGap = buffer.read(1, 100);
            assertEquals(List.of(1L, 2L, 4L, 5L, 6L), seqs(afterGap), "a removed record is skipped");
            assertSame(offered.get(1), afterGap.get(1).uplink(), "up to the gap from memory");
            assertEquals(offered.get(3), afterGap.get(2).uplink(), "from the gap on from the file");
            assertSame(afterGap.get(2).uplink(), buffer.read(4, 1).get(0).uplink(), "read ahead into memory");
            assertEquals(List.of(4L, 5L), seqs(buffer.read(3, 2)), "from a removed one, the next higher");
            assertEquals(List.of(), seqs(buffer.read(7, 10)), "nothing past the last appended record");
        }
    }

    @Test
    void aReopenForgetsTheCacheAndRecordsOlderThanItsCapacityComeFromTheFileWithReadAhead() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            int n = RecentRecords.CAPACITY + 10;
            for (int i = 0; i < n; i++) {
                Uplink u = uplink(i, 10);
                buffer.append(UplinkCodec.encode(u), u);
            }
            buffer.commit(false);
            List<BufferedUplink> all = buffer.read(1, n);
            assertEquals(n, all.size(), "evicted records are read from the file, in order");
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1L, all.get(i).seq());
                assertEquals("dev-" + i, all.get(i).uplink().deviceId());
            }

            BufferedUplink fromFile = buffer.read(2, 1).get(0);
            assertSame(fromFile.uplink(), buffer.read(2, 1).get(0).uplink(), "read ahead once, then from memory");

            Uplink uncommitted = uplink(99, 10);
            long seq = buffer.append(UplinkCodec.encode(uncommitted), uncommitted);
            buffer.reopen();
            assertEquals(List.of(), seqs(buffer.read(seq, 10)),
                    "after a reopen only the file's last commit counts: the uncommitted record is not served");
        }
    }
}
