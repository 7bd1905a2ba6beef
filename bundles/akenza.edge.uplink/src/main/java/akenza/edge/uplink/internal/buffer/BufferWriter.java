// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.api.message.UplinkRefusedException.Reason;
import akenza.edge.uplink.internal.status.DropReason;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the buffer: takes offers from any thread, appends them in groups and completes each
 * offer only after the commit that holds it. Commits come every {@code commitIntervalMillis} after the first
 * waiting offer, or at once when a batch fills. Between offers it commits removals, drops records past their
 * age and compacts the file.
 */
public final class BufferWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BufferWriter.class);
    private static final long HOUSEKEEPING_MILLIS = 1000;
    private static final long COMPACT_EVERY_MILLIS = 30_000;

    private record Pending(byte[] record, CompletableFuture<Void> done, LongConsumer stored) {
    }

    private final UplinkBuffer buffer;
    private final BufferSettings settings;
    private final ForwarderStats stats;
    private final Runnable onAppended;
    private final BooleanSupplier upstreamConnected;
    private final ArrayBlockingQueue<Pending> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean failed;
    private long lastHousekeeping;
    private long lastCompact;

    /**
     * Starts the writer thread.
     *
     * @param buffer the open buffer
     * @param settings the buffer settings
     * @param stats where drops and acceptances are counted
     * @param onAppended called on the writer thread after each commit that added records (wakes the sender)
     * @param upstreamConnected whether the upstream is connected now (QoS 0 policy)
     */
    public BufferWriter(UplinkBuffer buffer, BufferSettings settings, ForwarderStats stats, Runnable onAppended,
            BooleanSupplier upstreamConnected) {
        this.buffer = buffer;
        this.settings = settings;
        this.stats = stats;
        this.onAppended = onAppended;
        this.upstreamConnected = upstreamConnected;
        // Bounded: a few batches may wait; beyond that offers are refused as temporarily unavailable.
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, settings.commitBatch() * 4));
        this.thread = new Thread(this::run, "akenza-uplink-buffer-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * @param uplink an uplink
     * @return completes after the commit that holds it; fails with {@link UplinkRefusedException}
     */
    public CompletionStage<Void> offer(Uplink uplink) {
        return offer(uplink, null);
    }

    /**
     * @param uplink an uplink
     * @param stored told its sequence number on the writer thread once it is appended (before the commit), or
     *        {@code null}
     * @return completes after the commit that holds it; fails with {@link UplinkRefusedException}
     */
    public CompletionStage<Void> offer(Uplink uplink, LongConsumer stored) {
        if (!accepting || failed) {
            return refused(Reason.UNAVAILABLE, "uplink buffer is closed");
        }
        if (uplink.qos() == 0 && !settings.bufferQos0() && !upstreamConnected.getAsBoolean()) {
            stats.qos0Discarded();
            return CompletableFuture.completedFuture(null);
        }
        byte[] record = UplinkCodec.encode(uplink);
        if (record.length > settings.maxBytes()) {
            stats.dropped(DropReason.REFUSED, 1);
            return refused(Reason.QUOTA_EXCEEDED, "uplink larger than the whole buffer");
        }
        if (settings.overflow() == OverflowPolicy.REFUSE_NEW
                && buffer.bytes() + queuedBytes.get() + record.length > settings.maxBytes()) {
            stats.dropped(DropReason.REFUSED, 1);
            return refused(Reason.QUOTA_EXCEEDED, "uplink buffer full");
        }
        Pending p = new Pending(record, new CompletableFuture<>(), stored);
        queuedBytes.addAndGet(record.length);
        if (!queue.offer(p)) {
            queuedBytes.addAndGet(-record.length);
            return refused(Reason.UNAVAILABLE, "uplink buffer busy");
        }
        if (!accepting && queue.remove(p)) {
            // Raced with close(): the writer may already have finished; never leave a stage pending.
            queuedBytes.addAndGet(-record.length);
            return refused(Reason.UNAVAILABLE, "uplink buffer is closed");
        }
        return p.done();
    }

    private static CompletionStage<Void> refused(Reason reason, String message) {
        return CompletableFuture.failedFuture(new UplinkRefusedException(reason, message));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.commitBatch());
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(HOUSEKEEPING_MILLIS / 4, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    collect(batch);
                    write(batch);
                    batch.clear();
                } else if (buffer.hasUnsavedChanges()) {
                    buffer.commit(false);
                }
                housekeeping();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                failed = true;
                LOG.error("Uplink buffer failed; refusing uplinks until restarted: {}", e.toString());
                fail(batch);
                batch.clear();
                break;
            }
        }
        fail(batch);
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        fail(rest);
    }

    /** Waits up to the commit interval for more offers, or until the batch is full. */
    private void collect(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMillis());
        while (batch.size() < settings.commitBatch()) {
            queue.drainTo(batch, settings.commitBatch() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= settings.commitBatch() || left <= 0 || !accepting) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void write(List<Pending> batch) {
        int overflowed = 0;
        for (Pending p : batch) {
            if (settings.overflow() == OverflowPolicy.DROP_OLDEST) {
                overflowed += buffer.dropOldestUntilFits(p.record().length, settings.maxBytes());
            }
            long seq = buffer.append(p.record());
            if (p.stored() != null) {
                p.stored().accept(seq);
            }
            queuedBytes.addAndGet(-p.record().length);
        }
        buffer.commit(true);
        stats.dropped(DropReason.OVERFLOW, overflowed);
        onAppended.run();
        for (Pending p : batch) {
            stats.accepted();
            p.done().complete(null);
        }
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now - lastHousekeeping < HOUSEKEEPING_MILLIS) {
            return;
        }
        lastHousekeeping = now;
        int aged = buffer.dropOlderThan(Instant.ofEpochMilli(now).minus(settings.maxAge()));
        stats.dropped(DropReason.AGE, aged);
        if (now - lastCompact >= COMPACT_EVERY_MILLIS) {
            lastCompact = now;
            buffer.commit(false);
            buffer.compact();
        }
    }

    private void fail(List<Pending> pending) {
        for (Pending p : pending) {
            queuedBytes.addAndGet(-p.record().length);
            p.done().completeExceptionally(new UplinkRefusedException(Reason.UNAVAILABLE, "uplink buffer is closed"));
        }
    }

    /** @return whether the writer stopped after a storage error */
    public boolean isFailed() {
        return failed;
    }

    /** Stops accepting, commits what is queued, and waits for the writer thread (the buffer stays open). */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!failed && buffer.isOpen() && buffer.hasUnsavedChanges()) {
            buffer.commit(true);
        }
    }
}
