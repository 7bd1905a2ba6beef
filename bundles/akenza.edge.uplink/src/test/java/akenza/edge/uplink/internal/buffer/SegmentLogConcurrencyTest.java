// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static akenza.edge.uplink.internal.buffer.NumberedUplinks.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffer's threads at once, as in the gateway: offers committed by the writer while a drain on another thread,
 * starting behind by a backlog larger than the record cache, reads and removes (out of order within a window),
 * with files small enough that new ones start and old ones are deleted all the time, also under the drain's
 * feet. Every record is read once, in order, and nothing comes back after a reopen.
 */
class SegmentLogConcurrencyTest {

    private static final int COUNT = 20_000;
    private static final int BACKLOG = 10_000;

    @TempDir
    Path dir;

    private final ForwarderStats stats = new ForwarderStats();

    private static Uplink uplink(int n) {
        return NumberedUplinks.uplink(n, Instant.now());
    }

    @Test
    void aDrainOnAnotherThreadReadsEveryRecordOnceInOrderWhileFilesComeAndGo() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            // 1 MiB at most: files of 64 KiB, some 900 records each.
            BufferSettings settings = new BufferSettings(dir, 1 << 20, Duration.ofDays(7),
                    OverflowPolicy.REFUSE_NEW, 1, 50, false, true);
            CountDownLatch backlog = new CountDownLatch(1);
            BufferWriter writer = new BufferWriter(buffer, settings, stats, () -> { }, () -> true);
            Future<?> produce = threads.submit(() -> {
                // 32 in flight, like a device: the drain keeps the buffer under its limit meanwhile.
                for (int i = 0; i < COUNT; i += 32) {
                    List<CompletableFuture<Void>> window = new ArrayList<>();
                    for (int k = i; k < Math.min(COUNT, i + 32); k++) {
                        window.add(writer.offer(uplink(k)).toCompletableFuture());
                    }
                    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                    if (i >= BACKLOG) {
                        backlog.countDown();
                    }
                }
                backlog.countDown();
                return null;
            });
            Future<Integer> drain = threads.submit(() -> {
                // Behind by a backlog larger than the record cache: the first records come from the files.
                assertTrue(backlog.await(60, TimeUnit.SECONDS));
                int next = 0;
                long seq = Long.MIN_VALUE;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (next < COUNT && System.nanoTime() < deadline) {
                    List<BufferedUplink> batch = buffer.read(seq, 32);
                    for (BufferedUplink b : batch) {
                        assertEquals(next, number(b.uplink()), "in order, none skipped, none twice");
                        seq = b.seq() + 1;
                        next++;
                    }
                    // Acknowledged out of order, as a window's PUBACKs may come.
                    for (int k = batch.size() - 1; k >= 0; k--) {
                        assertTrue(buffer.remove(batch.get(k).seq()));
                    }
                }
                return next;
            });
            produce.get(120, TimeUnit.SECONDS);
            assertEquals(COUNT, drain.get(120, TimeUnit.SECONDS));
            CompletableFuture.runAsync(writer::close).get(30, TimeUnit.SECONDS);
            assertEquals(0, buffer.count());
            assertEquals(0, stats.droppedTotal(), "nothing refused or dropped");
        } finally {
            threads.shutdownNow();
        }
        try (UplinkBuffer reopened = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(0, reopened.count(), "every removal was committed");
            assertEquals(List.of(), reopened.read(Long.MIN_VALUE, 10));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.filter(p -> p.getFileName().toString().endsWith(".log")).count() <= 2,
                    "the files of removed records are deleted");
        }
    }
}
