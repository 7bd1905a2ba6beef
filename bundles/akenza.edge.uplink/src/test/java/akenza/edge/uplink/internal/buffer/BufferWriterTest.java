// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.testing.StandardErrorCapture;
import akenza.edge.uplink.internal.status.DropReason;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferWriterTest {

    @TempDir
    Path dir;

    private final ForwarderStats stats = new ForwarderStats();

    private BufferSettings settings(long maxBytes, OverflowPolicy policy, Duration maxAge, boolean qos0) {
        return new BufferSettings(dir, maxBytes, maxAge, policy, 20, 100, false, qos0);
    }

    private static Uplink uplink(int n, int size, Instant at) {
        byte[] payload = new byte[size];
        byte[] number = Integer.toString(n).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(number, 0, payload, 0, number.length);
        return new Uplink("dev-1", List.of("t"), "t", payload, 1, false, MessageProperties.NONE, at);
    }

    private static int number(Uplink u) {
        return Integer.parseInt(new String(u.payload(), StandardCharsets.UTF_8).trim().replace("\0", ""));
    }

    private static void offerAll(BufferWriter writer, int from, int to, int size) throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(writer.offer(uplink(i, size, Instant.now())).toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void recordsSurviveReopenInOrderAndOfferCompletesOnlyAfterCommit() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, commits::incrementAndGet, () -> false);
            offerAll(writer, 0, 250, 10);
            assertTrue(commits.get() >= 3, "batches of at most 100 are committed in groups");
            writer.close();
        }
        try (UplinkBuffer reopened = UplinkBuffer.open(dir, false, stats::dropped)) {
            assertEquals(250, reopened.count());
            List<BufferedUplink> all = reopened.read(Long.MIN_VALUE, 1000);
            for (int i = 0; i < 250; i++) {
                assertEquals(i, number(all.get(i).uplink()));
            }
            assertTrue(reopened.remove(all.get(0).seq()));
            long next = all.get(249).seq() + 1;
            BufferWriter writer = new BufferWriter(reopened, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false);
            offerAll(writer, 250, 251, 10);
            writer.close();
            List<BufferedUplink> after = reopened.read(next, 10);
            assertEquals(1, after.size(), "sequence numbers continue after a restart");
            assertEquals(250, number(after.get(0).uplink()));
        }
    }

    /**
     * Pacing: while the upstream is connected and more uplinks wait to be sent than the bound (5 here), a commit of
     * new ones waits for the drain; the acknowledgement that brings the backlog down to the bound ends the wait.
     */
    @Test
    void whileConnectedAndBehindACommitWaitsUntilAnAcknowledgementShrinksTheBacklog() throws Exception {
        AtomicBoolean connected = new AtomicBoolean(false);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, connected::get, 5, TimeUnit.SECONDS.toNanos(60));
            offerAll(writer, 0, 7, 10); // offline: taken at full speed
            assertEquals(0, stats.commitsPacedCount());
            connected.set(true);
            CompletableFuture<Void> paced = writer.offer(uplink(7, 10, Instant.now())).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stats.commitsPacedCount() == 1);
            assertFalse(paced.isDone(), "held while 7 uplinks wait to be sent");
            List<BufferedUplink> sent = buffer.read(Long.MIN_VALUE, 2);
            assertTrue(buffer.remove(sent.get(0).seq()));
            writer.acknowledged(); // 6 wait: still behind
            assertTrue(buffer.remove(sent.get(1).seq()));
            writer.acknowledged(); // 5: caught up
            paced.get(10, TimeUnit.SECONDS); // long before the 60 s the wait may last
            assertEquals(6, buffer.count());
            writer.close();
        }
    }

    @Test
    void offlineTheBufferTakesEverythingWithoutPacing() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false, 5, TimeUnit.SECONDS.toNanos(60));
            offerAll(writer, 0, 50, 10); // a paced commit would wait 60 s here: offerAll gives up after 30
            assertEquals(50, buffer.count());
            assertEquals(0, stats.commitsPacedCount());
            writer.close();
        }
    }

    @Test
    void aPacedCommitGoesOnAfterItsLongestWaitWithoutAcknowledgements() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> true, 5, TimeUnit.MILLISECONDS.toNanos(50));
            offerAll(writer, 0, 7, 10);
            writer.offer(uplink(7, 10, Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(8, buffer.count(), "slowed, never stopped: nothing is acknowledged upstream here");
            assertTrue(stats.commitsPacedCount() >= 1);
            writer.close();
        }
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheDrops() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(64 * 1024, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false);
            offerAll(writer, 0, 200, 1000);
            writer.close();
            assertTrue(buffer.bytes() <= 64 * 1024);
            long kept = buffer.count();
            assertEquals(200 - kept, stats.droppedCount(DropReason.OVERFLOW));
            List<BufferedUplink> all = buffer.read(Long.MIN_VALUE, 1000);
            assertEquals(199, number(all.get(all.size() - 1).uplink()));
            assertEquals(200 - kept, number(all.get(0).uplink()), "the oldest went first");
        }
    }

    /**
     * The queue between the event loops and the writer is bounded (32 MiB of records here): while the writer is
     * held after a commit, offers beyond the bound are refused as temporarily unavailable (the device resends),
     * counted and logged; what was queued before is still stored once the writer goes on.
     */
    @Test
    void offersBeyondTheQueueBoundAreRefusedAsBusyCountedAndLoggedAndTheQueuedOnesStillStored() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped);
                StandardErrorCapture log = new StandardErrorCapture()) {
            BufferWriter writer = new BufferWriter(buffer, settings(1L << 30, OverflowPolicy.REFUSE_NEW,
                    Duration.ofDays(7), true), stats, () -> {
                        if (commits.incrementAndGet() == 1) {
                            writerHeld.countDown();
                            awaitQuietly(release);
                        }
                    }, () -> false);
            // The first commit's callback holds the writer (before it completes that offer).
            CompletableFuture<Void> first = writer.offer(uplink(0, 10, Instant.now())).toCompletableFuture();
            assertTrue(writerHeld.await(30, TimeUnit.SECONDS));

            int recordBytes = 1 << 20;
            int fit = (int) (BufferWriter.MAX_QUEUED_BYTES / (recordBytes + 64));
            List<CompletableFuture<Void>> queued = new ArrayList<>();
            for (int i = 1; i <= fit; i++) {
                queued.add(writer.offer(uplink(i, recordBytes, Instant.now())).toCompletableFuture());
            }
            CompletableFuture<Void> refused = writer.offer(uplink(fit + 1, recordBytes, Instant.now()))
                    .toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            UplinkRefusedException busy = assertInstanceOf(UplinkRefusedException.class, e.getCause());
            assertEquals(UplinkRefusedException.Reason.UNAVAILABLE, busy.reason());
            assertEquals(1, stats.busyRefusedCount());
            assertTrue(log.text().contains("Uplink buffer busy"), log.text());
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "the queued ones wait for the writer");

            release.countDown();
            queued.add(first);
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            writer.close();
            assertEquals(fit + 1L, buffer.count(), "the first one and every queued one stored, the refused one not");
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refuseNewFailsTheOfferWithQuotaExceededAndCountsIt() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(64 * 1024, OverflowPolicy.REFUSE_NEW,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false);
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                try {
                    writer.offer(uplink(i, 1000, Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    accepted++;
                } catch (ExecutionException e) {
                    UplinkRefusedException r = assertInstanceOf(UplinkRefusedException.class, e.getCause());
                    assertEquals(UplinkRefusedException.Reason.QUOTA_EXCEEDED, r.reason());
                    assertEquals(0x97, r.reason().mqtt5ReasonCode());
                    refused++;
                }
            }
            writer.close();
            assertTrue(refused > 0 && accepted > 0);
            assertEquals(refused, stats.droppedCount(DropReason.REFUSED));
            assertEquals(accepted, buffer.count());
            assertEquals(0, number(buffer.read(Long.MIN_VALUE, 1).get(0).uplink()), "the oldest are kept");
        }
    }

    @Test
    void recordsPastTheirAgeAreDroppedAndCounted() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofSeconds(60), true), stats, () -> { }, () -> false);
            writer.offer(uplink(1, 10, Instant.now().minusSeconds(3600))).toCompletableFuture().get(10,
                    TimeUnit.SECONDS);
            writer.offer(uplink(2, 10, Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats.droppedCount(DropReason.AGE) == 1);
            writer.close();
            assertEquals(1, buffer.count());
            assertEquals(2, number(buffer.read(Long.MIN_VALUE, 1).get(0).uplink()));
        }
    }

    @Test
    void qos0IsNotBufferedWhileDisconnectedWhenConfiguredOff() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), false), stats, () -> { }, () -> false);
            Uplink qos0 = new Uplink("d", List.of(), "default", new byte[] {1}, 0, false, MessageProperties.NONE,
                    Instant.now());
            assertNull(writer.offer(qos0).toCompletableFuture().get(10, TimeUnit.SECONDS));
            writer.close();
            assertEquals(0, buffer.count());
        }
    }

    @Test
    void offersAfterCloseAreRefusedAsUnavailable() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false);
            writer.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> writer.offer(uplink(1, 10, Instant.now())).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertEquals(UplinkRefusedException.Reason.UNAVAILABLE, ((UplinkRefusedException) e.getCause()).reason());
        }
    }
    /**
     * With the longest commit interval (10 s), a group of {@link BufferWriter#EARLY_GROUP} offers still commits as soon
     * as the offers stop: the sleeping writer is woken when the queue holds the group (the offers do not wake it
     * one by one), and a smaller group waits for the interval. Fails if the wake-up is lost.
     */
    @Test
    void aGroupLargeEnoughCommitsWithoutWaitingOutALongInterval() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, new BufferSettings(dir, 1 << 20, Duration.ofDays(7),
                    OverflowPolicy.DROP_OLDEST, 10_000, 1000, false, true), stats, () -> { }, () -> false);
            CompletableFuture<Void> first = writer.offer(uplink(0, 10, Instant.now())).toCompletableFuture();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                assertFalse(first.isDone(), "one offer waits for the interval or a group");
                for (int i = 1; i < BufferWriter.EARLY_GROUP; i++) {
                    rest.add(writer.offer(uplink(round * 100 + i, 10, Instant.now())).toCompletableFuture());
                }
                // Well within the interval: only the wake-up at the group's size commits this early.
                CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
                first.get(1, TimeUnit.SECONDS);
                first = writer.offer(uplink(round * 100 + 99, 10, Instant.now())).toCompletableFuture();
                rest.clear();
            }
            assertFalse(first.isDone(), "the last single offer still waits");
            writer.close();
            assertTrue(first.isDone(), "committed at the close");
            assertEquals(3 * BufferWriter.EARLY_GROUP + 1, buffer.count());
        }
    }

    @Test
    void anIdleWriterSleepsForSecondsUnlessSomethingIsDue() {
        long idle = BufferWriter.idleWaitNanos(0, false, false, 400);
        assertEquals(BufferWriter.IDLE_NANOS, idle, "an empty buffer with nothing to commit waits for an offer");
        assertTrue(idle >= TimeUnit.SECONDS.toNanos(10));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), BufferWriter.idleWaitNanos(0, false, true, 400),
                "removals are committed soon");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(400), BufferWriter.idleWaitNanos(5, false, false, 400),
                "records are checked for their age at the next housekeeping");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(400), BufferWriter.idleWaitNanos(0, true, false, 400),
                "drops are summarised at the next housekeeping");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), BufferWriter.idleWaitNanos(5, false, false, -20),
                "an overdue housekeeping runs at once");
    }

    @Test
    void anOfferWakesAnIdleWriterAndACloseEndsItsSleep() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            BufferWriter writer = new BufferWriter(buffer, settings(1 << 20, OverflowPolicy.DROP_OLDEST,
                    Duration.ofDays(7), true), stats, () -> { }, () -> false);
            awaitIdle();
            // The idle sleep is 30 s: only the offer's wake-up commits it this soon.
            writer.offer(uplink(1, 10, Instant.now())).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(1, buffer.count());
            awaitIdle();
            assertTimeoutPreemptively(Duration.ofSeconds(5), writer::close,
                    "close wakes the sleeping writer instead of waiting out its sleep");
        }
    }

    /** Waits until the writer thread sleeps in its idle wait (nothing queued, nothing to commit). */
    private static void awaitIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("akenza-uplink-buffer-writer")
                        && t.getState() == Thread.State.TIMED_WAITING));
    }
}
