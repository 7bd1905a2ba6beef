// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static akenza.edge.uplink.internal.buffer.NumberedUplinks.number;
import static akenza.edge.uplink.internal.buffer.NumberedUplinks.numbers;
import static akenza.edge.uplink.internal.buffer.NumberedUplinks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An older gateway's H2 buffer file: its records move into the segment files once, in order; a file MVStore
 * refuses (issue 14) is set aside, the buffer takes uplinks at once, and the records are salvaged.
 */
class BufferSalvageTest {

    @TempDir
    Path dir;

    private final ForwarderStats stats = new ForwarderStats();

    private BufferSettings settings() {
        return new BufferSettings(dir, 16 << 20, Duration.ofDays(7), OverflowPolicy.DROP_OLDEST, 5, 50, false, true);
    }

    private static Uplink uplink(int n) {
        return NumberedUplinks.uplink(n, Instant.now());
    }

    private void offer(BufferWriter writer, int from, int to) throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(writer.offer(uplink(i)).toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private List<Path> damagedFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".damaged-")).toList();
        }
    }

    /** Segment files holding numbers {@code from} to {@code to - 1}, as a gateway with the segment log leaves them. */
    private void segments(int from, int to) throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            for (byte[] r : encoded(from, to)) {
                buffer.append(r, null);
            }
            buffer.commit(true);
        }
    }

    private static List<byte[]> encoded(int from, int to) {
        List<byte[]> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(UplinkCodec.encode(uplink(i)));
        }
        return records;
    }

    @Test
    void anOlderGatewaysFileIsMovedIntoTheSegmentsOnceInOrderAndDeleted() throws Exception {
        LegacyBufferFile.write(dir, encoded(0, 500), 100);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertNull(buffer.salvage());
            assertEquals(400, buffer.count());
            List<BufferedUplink> all = buffer.read(Long.MIN_VALUE, 10_000);
            for (int i = 0; i < 400; i++) {
                assertEquals(100 + i, number(all.get(i).uplink()), "moved oldest first");
            }
            assertTrue(Files.notExists(dir.resolve(BufferOpening.LEGACY_FILE)), "the H2 file is gone");
            BufferWriter writer = new BufferWriter(buffer, settings(), stats, () -> { }, () -> false);
            offer(writer, 500, 510);
            writer.close();
        }
        try (UplinkBuffer again = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(range(100, 510), numbers(again), "moved once: nothing twice after a restart, the new ones after them");
        }
    }

    @Test
    void aMoveCutShortByACrashStartsOverWithoutDuplicates() throws Exception {
        // A crash after the first moved records were committed, before the H2 file was deleted: segment files
        // with part of the records lie next to the H2 file, and the marker of the move.
        segments(0, 50);
        LegacyBufferFile.write(dir, encoded(0, 200), 0);
        Files.createFile(dir.resolve(BufferOpening.MOVING_FILE));
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(range(0, 200), numbers(buffer));
        }
    }

    @Test
    void afterADowngradeAndAnUpgradeBothTheSegmentsAndTheOlderFileAreQueued() throws Exception {
        // A newer gateway's records in segment files, then an older one ran on the same directory and left its
        // own H2 file: nothing marks a move, so both sets are kept, the segments' first.
        segments(0, 30);
        LegacyBufferFile.write(dir, encoded(30, 80), 0);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(range(0, 80), numbers(buffer));
            assertTrue(Files.notExists(dir.resolve(BufferOpening.MOVING_FILE)), "the move's marker is gone");
        }
    }

    @Test
    void aFileWithADestroyedHeaderIsSetAsideAndItsPendingRecordsComeBackInOrder() throws Exception {
        // An older gateway's file whose first 100 records went to akenza.
        LegacyBufferFile.write(dir, encoded(0, 500), 100);
        // Both copies of the store header destroyed: MVStore refuses the file ("Store header is corrupt").
        try (FileChannel ch = FileChannel.open(dir.resolve("uplinks.mv.db"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8192), 0);
        }

        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(1, damagedFiles().size(), "the damaged file is kept aside");
            BufferSalvage.Result salvage = buffer.salvage();
            assertNotNull(salvage);
            List<Integer> numbers = new ArrayList<>();
            for (BufferedUplink u : buffer.read(Long.MIN_VALUE, 10_000)) {
                numbers.add(number(u.uplink()));
            }
            assertEquals(numbers.size(), salvage.recovered());
            List<Integer> pending = new ArrayList<>(new LinkedHashSet<>(numbers));
            pending.removeIf(n -> n < 100); // may come again: a raw scan cannot know they were delivered
            assertEquals(range(100, 500), pending, "every pending record is back, in the order received");

            BufferWriter writer = new BufferWriter(buffer, settings(), stats, () -> { }, () -> false);
            offer(writer, 500, 510);
            writer.close();
            assertEquals(numbers.size() + 10, buffer.count(), "the fresh buffer takes new uplinks");
        }
        try (UplinkBuffer again = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertNull(again.salvage(), "the fresh buffer opens normally");
            assertEquals(1, damagedFiles().size());
        }
    }

    @Test
    void aFileOfGarbageGivesAFreshBufferAtOnce() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Files.write(dir.resolve("uplinks.mv.db"), garbage);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertNotNull(buffer.salvage());
            assertEquals(0, buffer.salvage().recovered());
            assertEquals(0, buffer.count());
            BufferWriter writer = new BufferWriter(buffer, settings(), stats, () -> { }, () -> false);
            offer(writer, 0, 5);
            writer.close();
            assertEquals(5, buffer.count());
        }
        assertTrue(Files.exists(damagedFiles().get(0)));
    }
}
