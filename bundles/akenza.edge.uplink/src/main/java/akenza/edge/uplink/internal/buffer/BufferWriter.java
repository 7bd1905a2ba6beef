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
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the buffer: takes offers from any thread, appends them in groups and completes each
 * offer only after the commit that holds it. Commits come every {@code commitIntervalMillis} after the first
 * waiting offer, at once when a batch fills, or as soon as a group of {@link #EARLY_GROUP} or more stops
 * growing. Between offers it commits removals and drops records past their age.
 */
public final class BufferWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BufferWriter.class);
    private static final long HOUSEKEEPING_MILLIS = 1000;
    private static final long RETRY_MILLIS = 2000;
    /** The longest an idle writer (empty buffer, nothing to commit) sleeps without an offer: a safety net only. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * A group of at least this many offers commits as soon as offers pause for {@link #QUIET_NANOS}, without
     * waiting out the commit interval: devices waiting for their acknowledgements send nothing more, so the
     * rest of the interval would be dead time. Smaller groups still wait, which keeps commits (and flash wear)
     * at most one per interval at low rates.
     */
    static final int EARLY_GROUP = 32;
    /** The pause in offers after which a group of {@link #EARLY_GROUP} or more commits. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * The most bytes of offers waiting for their commit. The broker keeps each connection's pending offers
     * bounded (it stops reading a connection while its window of unacknowledged PUBLISHes waits here), so this
     * only has to hold a burst of every connection's window at once: 1,000 devices x 32 in flight of 1 KiB fit.
     */
    static final long MAX_QUEUED_BYTES = 32L << 20;
    /** The most offers waiting for their commit (a fixed array: 256 KiB of references). */
    static final int MAX_QUEUED = 65_536;
    private static final long BUSY_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Pending(byte[] record, Uplink uplink, CompletableFuture<Void> done, LongConsumer stored) {
    }

    private final UplinkBuffer buffer;
    private final BufferSettings settings;
    private final ForwarderStats stats;
    private final Runnable onAppended;
    private final BooleanSupplier upstreamConnected;
    private final ArrayBlockingQueue<Pending> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong lastBusyLog = new AtomicLong(System.nanoTime() - BUSY_LOG_NANOS - 1);
    private final Thread thread;
    private volatile boolean accepting = true;
    /**
     * While the writer sleeps collecting a group: the queue length at which an offer wakes it; otherwise
     * {@code Integer.MAX_VALUE} (an offer then only reads this field).
     */
    private volatile int wakeWhenQueued = Integer.MAX_VALUE;
    private volatile StorageFault fault;
    private final CommitPacer pacer;
    private long lastRetry;
    private long lastHousekeeping;

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
        this(buffer, settings, stats, onAppended, upstreamConnected, CommitPacer.BACKLOG, CommitPacer.MAX_NANOS);
    }

    /** As the public constructor, with the bounds of the {@link CommitPacer} given. */
    BufferWriter(UplinkBuffer buffer, BufferSettings settings, ForwarderStats stats, Runnable onAppended,
            BooleanSupplier upstreamConnected, long paceBacklog, long paceMaxNanos) {
        this.pacer = new CommitPacer(buffer, upstreamConnected, stats, paceBacklog, paceMaxNanos);
        this.buffer = buffer;
        this.settings = settings;
        this.stats = stats;
        this.onAppended = onAppended;
        this.upstreamConnected = upstreamConnected;
        // Files are freed a segment at a time: sixteen of them make up the limit, so dropping the oldest for
        // room frees at most a sixteenth of it at once.
        buffer.segmentBytes(settings.maxBytes() / 16);
        // Bounded by count and bytes; beyond that offers are refused as temporarily unavailable (counted, logged).
        this.queue = new ArrayBlockingQueue<>(Math.max(MAX_QUEUED, settings.commitBatch() * 4));
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
        if (!accepting) {
            return refused(Reason.UNAVAILABLE, "uplink buffer is closed");
        }
        StorageFault f = fault;
        if (f != null) {
            stats.storageRefused();
            return refused(f.reason(), "uplink buffer cannot write: " + f.cause());
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
        Pending p = new Pending(record, uplink, new CompletableFuture<>(), stored);
        if (queuedBytes.addAndGet(record.length) > MAX_QUEUED_BYTES || !queue.offer(p)) {
            queuedBytes.addAndGet(-record.length);
            return busy();
        }
        int wakeAt = wakeWhenQueued; // read after the offer is queued: the writer sees one or the other
        if (wakeAt != Integer.MAX_VALUE && queue.size() >= wakeAt) {
            LockSupport.unpark(thread);
        }
        if (!accepting && queue.remove(p)) {
            // Raced with close(): the writer may already have finished; never leave a stage pending.
            queuedBytes.addAndGet(-record.length);
            return refused(Reason.UNAVAILABLE, "uplink buffer is closed");
        }
        return p.done();
    }

    /** The queue is full: refused (the device resends), counted, and logged at most every 10 s. */
    private CompletionStage<Void> busy() {
        stats.busyRefused();
        long now = System.nanoTime();
        long last = lastBusyLog.get();
        if (now - last > BUSY_LOG_NANOS && lastBusyLog.compareAndSet(last, now)) {
            LOG.warn("Uplink buffer busy: {} uplinks ({} bytes) wait for their commit; refusing new ones until "
                    + "it catches up (uplinks.refused.busy = {})", queue.size(), queuedBytes.get(),
                    stats.busyRefusedCount());
        }
        return refused(Reason.UNAVAILABLE, "uplink buffer busy");
    }

    private static CompletionStage<Void> refused(Reason reason, String message) {
        return CompletableFuture.failedFuture(new UplinkRefusedException(reason, message));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.commitBatch());
        while (accepting || !queue.isEmpty()) {
            try {
                if (fault != null) {
                    awaitRecovery();
                    continue;
                }
                Pending first = queue.poll();
                if (first == null) {
                    awaitOffers(1, idleWaitNanos(buffer.count(), stats.hasUnloggedDrops(),
                            buffer.hasUnsavedChanges(), lastHousekeeping + HOUSEKEEPING_MILLIS
                                    - System.currentTimeMillis()));
                    first = queue.poll();
                }
                if (first != null) {
                    pacer.pace(() -> accepting);
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
                // A full or failing disk: refuse (never acknowledge) until a write succeeds again.
                StorageFault f = StorageFault.of(e, buffer.usableSpace());
                fault = f;
                lastRetry = System.nanoTime();
                LOG.error("Uplink buffer cannot write ({}; {} bytes free); refusing new uplinks with {} while the "
                        + "backlog keeps draining; retrying every {} s", f.cause(), f.freeBytes(),
                        f.reason() == Reason.QUOTA_EXCEEDED ? "quota exceeded" : "server busy",
                        RETRY_MILLIS / 1000);
                stats.storageRefused(batch.size());
                fail(batch, f.reason());
                batch.clear();
            }
        }
        fail(batch, Reason.UNAVAILABLE);
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        fail(rest, Reason.UNAVAILABLE);
    }

    /** The upstream acknowledged an uplink (any thread): see {@link CommitPacer#acknowledged}. */
    public void acknowledged() {
        pacer.acknowledged();
    }

    /**
     * While writes fail: refuses whatever was queued and tries a write every {@value #RETRY_MILLIS} ms (reopening
     * the files after a failed write of records); leaves the fault state when one succeeds.
     */
    private void awaitRecovery() throws InterruptedException {
        List<Pending> queued = new ArrayList<>();
        queue.drainTo(queued);
        Pending late = queue.poll(HOUSEKEEPING_MILLIS / 4, TimeUnit.MILLISECONDS);
        if (late != null) {
            queued.add(late);
        }
        stats.storageRefused(queued.size());
        fail(queued, fault.reason());
        stats.flushDropSummaries();
        long now = System.nanoTime();
        if (now - lastRetry < TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS) || !accepting) {
            return;
        }
        lastRetry = now;
        try {
            if (!buffer.isOpen()) {
                buffer.reopen();
                onAppended.run(); // the sender reads from the reopened store
            }
            buffer.probeWrite();
        } catch (RuntimeException e) {
            LOG.debug("Uplink buffer still cannot write: {}", e.toString());
            return;
        }
        LOG.warn("Uplink buffer writes again ({} bytes free); accepting uplinks", buffer.usableSpace());
        fault = null;
    }

    /**
     * Waits up to the commit interval for more offers, or until the batch is full, or until a large enough
     * group stops growing.
     */
    private void collect(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMillis());
        while (batch.size() < settings.commitBatch()) {
            queue.drainTo(batch, settings.commitBatch() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= settings.commitBatch() || left <= 0 || !accepting) {
                return;
            }
            long wait = collectWaitNanos(batch.size(), left);
            if (batch.size() >= EARLY_GROUP) {
                // Sleep through the pause instead of waiting on the queue: at high rates every offer would
                // otherwise wake this thread (a system call on the offering event loop, a context switch here)
                // to collect one more record. Nothing arrived meanwhile: the group is complete.
                LockSupport.parkNanos(wait);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            awaitOffers(Math.min(EARLY_GROUP, settings.commitBatch()) - batch.size(), wait);
        }
    }

    /**
     * Sleeps until {@code count} more offers are queued or {@code nanos} pass. Offers wake this thread only when
     * the queue reaches that count ({@link #wakeWhenQueued}), not one by one: waking for each offer of a
     * group cost a system call on the offering event loop and a context switch here per uplink.
     */
    private void awaitOffers(int count, long nanos) throws InterruptedException {
        wakeWhenQueued = count;
        if (queue.size() < count && accepting) {
            LockSupport.parkNanos(this, nanos);
        }
        wakeWhenQueued = Integer.MAX_VALUE;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * How long the writer sleeps with no offer queued (an offer wakes it at once). Removals are committed within
     * a quarter second (the buffer on disk should soon forget what akenza has); records are checked for their
     * age, and drops summarised in the log, once a second; with neither, it sleeps until an offer comes, at
     * most {@link #IDLE_NANOS}: an idle gateway should not wake several times a second for nothing.
     *
     * @param records records in the buffer (read before {@code unsaved}: a removal is counted out after it is
     *        queued for the commit, so an empty buffer read first cannot miss an uncommitted removal)
     * @param dropsToLog whether drops wait for their summary in the log
     * @param unsaved whether removals (or appends) wait for a commit
     * @param millisToHousekeeping milliseconds until the next housekeeping is due
     */
    static long idleWaitNanos(long records, boolean dropsToLog, boolean unsaved, long millisToHousekeeping) {
        if (unsaved) {
            return TimeUnit.MILLISECONDS.toNanos(HOUSEKEEPING_MILLIS / 4);
        }
        if (records > 0 || dropsToLog) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(millisToHousekeeping, HOUSEKEEPING_MILLIS)));
        }
        return IDLE_NANOS;
    }

    /**
     * @param batchSize offers collected so far
     * @param nanosLeft time left in the commit interval
     * @return how long to wait for the next offer before committing what is collected
     */
    static long collectWaitNanos(int batchSize, long nanosLeft) {
        return batchSize >= EARLY_GROUP ? Math.min(nanosLeft, QUIET_NANOS) : nanosLeft;
    }

    private void write(List<Pending> batch) {
        int overflowed = 0;
        for (Pending p : batch) {
            if (settings.overflow() == OverflowPolicy.DROP_OLDEST) {
                overflowed += buffer.dropOldestUntilFits(p.record().length, settings.maxBytes());
            }
            long seq = buffer.append(p.record(), p.uplink());
            if (p.stored() != null) {
                p.stored().accept(seq);
            }
        }
        buffer.commit(true);
        for (Pending p : batch) {
            queuedBytes.addAndGet(-p.record().length);
        }
        stats.dropped(DropReason.OVERFLOW, overflowed);
        onAppended.run();
        stats.accepted(batch.size());
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now - lastHousekeeping < HOUSEKEEPING_MILLIS) {
            return;
        }
        lastHousekeeping = now;
        stats.flushDropSummaries();
        int aged = buffer.dropOlderThan(Instant.ofEpochMilli(now).minus(settings.maxAge()));
        stats.dropped(DropReason.AGE, aged);
    }

    private void fail(List<Pending> pending, Reason reason) {
        for (Pending p : pending) {
            queuedBytes.addAndGet(-p.record().length);
            p.done().completeExceptionally(new UplinkRefusedException(reason,
                    reason == Reason.UNAVAILABLE ? "uplink buffer is closed" : "uplink buffer cannot write"));
        }
    }

    /** @return why writes fail now (new uplinks are refused meanwhile), or {@code null} when they work */
    public StorageFault fault() {
        return fault;
    }

    /** Stops accepting, commits what is queued, and waits for the writer thread (the buffer stays open). */
    @Override
    public void close() {
        accepting = false;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fault == null && buffer.isOpen() && buffer.hasUnsavedChanges()) {
            try {
                buffer.commit(true);
            } catch (RuntimeException e) {
                LOG.warn("Uplink buffer: last commit failed: {}", e.getMessage());
            }
        }
    }
}
