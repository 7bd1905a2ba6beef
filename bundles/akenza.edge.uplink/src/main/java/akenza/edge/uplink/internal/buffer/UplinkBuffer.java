// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.DropReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable uplink queue: an append-only log of segment files ({@link LogSegment}), records under a
 * monotonic sequence number, each commit one write (and one {@code fsync}) per group of records. An
 * acknowledged record is removed in memory at once and by a removal frame in the next commit; a segment file
 * is deleted as a whole once every record in it and before it is removed.
 *
 * <p>Only the {@link BufferWriter} thread appends, commits and deletes files; any thread may read and remove.
 * The heap holds one bit per record, a sparse index and a bounded cache of the newest records
 * ({@link RecentRecords}); a backlog is read from the files in batches.
 */
public final class UplinkBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    /** Records read from the file at once when a read misses the cache. */
    static final int READ_AHEAD = 64;
    /** The segment size when the writer does not set one (its settings' {@code maxBytes} / 16). */
    static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
    /** Once nothing is live, a segment file this large is replaced by a fresh one at the next commit. */
    static final long DRAINED_ROLL_BYTES = 1L << 20;

    private final Path dir;
    private final boolean fsync;
    private final ObjIntConsumer<DropReason> drops;
    private final BufferLock lock;
    private final RecentRecords recent = new RecentRecords();
    private final RemovalQueue removals = new RemovalQueue();
    private final LogReader reader;
    // Replaced by the writer thread on reopen.
    private volatile SegmentFiles files;
    private final PendingFrames pending = new PendingFrames();
    private long nextSeq;
    /** Everything below was committed: readers may see it. */
    private volatile long appendedEnd;
    private final AtomicLong live = new AtomicLong();
    private volatile boolean open;
    private long segmentBytes = Long.getLong(SEGMENT_BYTES_PROPERTY, DEFAULT_SEGMENT_BYTES);
    private volatile Instant oldest;
    private volatile BufferSalvage.Result salvage;

    /** A system property for tests that roll and delete segment files often (bytes per segment). */
    public static final String SEGMENT_BYTES_PROPERTY = "akenza.edge.buffer.segment.bytes";

    UplinkBuffer(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops, BufferLock lock) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.drops = drops;
        this.lock = lock;
        this.reader = new LogReader(this::removeCorrupt);
        LogRecovery.Found found = LogRecovery.recover(dir);
        attach(found);
        if (found.lost() > 0) {
            // Counted at the open only: a reopen after a failed write finds the same damage again.
            drops.accept(DropReason.CORRUPT, (int) Math.min(Integer.MAX_VALUE, found.lost()));
        }
    }

    private void attach(LogRecovery.Found found) throws IOException {
        nextSeq = found.nextSeq();
        live.set(found.live());
        files = new SegmentFiles(dir, fsync, found.segments(), nextSeq);
        appendedEnd = nextSeq;
        pending.clear();
        recent.clear();
        open = true;
        files.releaseRemoved();
        refreshOldest();
    }

    /**
     * Opens (or creates) the buffer in a directory: its segment files, or the records of an older gateway's
     * H2 file moved into them; a damaged H2 file is set aside and salvaged.
     *
     * @param dir the directory, created when missing
     * @param fsync whether each commit is forced to the device (survives power loss, not only a process crash)
     * @param drops told about records dropped while reading (undecodable ones)
     * @return the open buffer
     * @throws IOException when the directory or the files cannot be opened (in use by another process, say)
     */
    public static UplinkBuffer open(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops) throws IOException {
        return BufferOpening.open(dir, fsync, drops);
    }

    /**
     * Reads the files again after a failed write: the files hold the last commit; the removals made since are
     * applied again. Writer thread.
     */
    void reopen() {
        open = false;
        files.closeAll();
        try {
            long[] removed = removals.drain();
            attach(LogRecovery.recover(dir));
            for (long seq : removed) {
                remove(seq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Proves the files take writes again: commits (and forces) a removal frame, empty if need be. Writer thread. */
    void probeWrite() {
        commit(true, true);
    }

    /** @return bytes the file system holding the buffer still has for us, or -1 when unknown */
    long usableSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Records what was salvaged when this buffer took over a damaged file's records. */
    void salvaged(BufferSalvage.Result result) {
        salvage = result;
    }

    /** @return what was salvaged when this buffer took over a damaged file's records, or {@code null} */
    public BufferSalvage.Result salvage() {
        return salvage;
    }

    /** Sets how large a segment file grows before the next one starts (the writer's settings decide). */
    void segmentBytes(long bytes) {
        segmentBytes = Long.getLong(SEGMENT_BYTES_PROPERTY, Math.max(4096, Math.min(bytes, DEFAULT_SEGMENT_BYTES)));
    }

    /**
     * Stores a record under the next sequence number (readable after the next commit). Writer thread only.
     *
     * @param record an encoded uplink
     * @param uplink the uplink it encodes, kept in the bounded cache of the newest records; {@code null}: not
     * @return its sequence number
     */
    long append(byte[] record, Uplink uplink) {
        long seq = nextSeq++;
        LogSegment current = files.current();
        current.appended(seq, current.length() + pending.size());
        pending.putRecord(seq, record);
        if (uplink != null) {
            recent.put(new BufferedUplink(seq, uplink, record.length));
        }
        live.incrementAndGet();
        if (oldest == null) {
            oldest = UplinkCodec.receivedAt(record);
        }
        return seq;
    }

    /**
     * Removes the oldest records until {@code incoming} more bytes fit under {@code maxBytes} (files are freed
     * a segment at a time).
     *
     * @return how many records were removed
     */
    int dropOldestUntilFits(long incoming, long maxBytes) {
        int dropped = 0;
        while (bytes() + incoming > maxBytes) {
            long first = files.firstLive(nextSeq);
            if (first < 0) {
                restartEmpty();
                break;
            }
            if (!remove(first)) {
                break;
            }
            dropped++;
            files.releaseRemoved();
        }
        if (dropped > 0) {
            refreshOldest();
        }
        return dropped;
    }

    /**
     * Removes records received before a cutoff.
     *
     * @return how many records were removed
     */
    int dropOlderThan(Instant cutoff) {
        int dropped = 0;
        while (open) {
            Long first = firstSeq();
            List<BufferedUplink> head = first == null ? List.of() : read(first, 1);
            if (head.isEmpty() || !head.get(0).uplink().receivedAt().isBefore(cutoff)) {
                break;
            }
            if (remove(head.get(0).seq())) {
                dropped++;
            }
        }
        refreshOldest();
        return dropped;
    }

    /** Commits pending changes; forces them to the device when configured and {@code durable} is asked. */
    void commit(boolean durable) {
        commit(durable, false);
    }

    private void commit(boolean durable, boolean probe) {
        if (!open) {
            throw new UncheckedIOException(new IOException("the uplink buffer is closed after a failed write"));
        }
        long[] removed = removals.drain();
        if (removed.length > 0 || probe) {
            pending.putRemovals(removed);
        }
        if (pending.size() == 0) {
            return;
        }
        LogSegment current = files.current();
        long at = current.length();
        try {
            pending.writeTo(current.channel, at);
            if (durable && fsync || probe) {
                current.channel.force(false);
            }
        } catch (IOException e) {
            rollBack(current, at, removed);
            throw new UncheckedIOException(e);
        }
        long written = pending.size();
        pending.clear();
        current.published(at + written, nextSeq - 1);
        files.written(written);
        appendedEnd = nextSeq;
        // A drained buffer starts a fresh file too, so the dead records of a drained backlog do not stay on disk.
        if (current.length() >= segmentBytes || live.get() == 0 && current.length() >= DRAINED_ROLL_BYTES) {
            files.roll(nextSeq);
        }
        files.releaseRemoved();
    }

    /**
     * A write failed: the file is cut back to its last commit; removals are kept for the next commit. When the
     * failed write held records the buffer closes until {@link #reopen} reads the files again.
     */
    private void rollBack(LogSegment current, long committedLength, long[] removed) {
        boolean records = pending.hasRecords();
        pending.clear();
        removals.addAll(removed);
        try {
            current.channel.truncate(committedLength);
        } catch (IOException e) {
            LOG.debug("Uplink buffer could not cut back a failed write: {}", e.toString());
        }
        if (records) {
            open = false;
            recent.clear();
        }
    }

    /** Nothing is live but the files still exceed the limit: starts over with one empty segment file. */
    private void restartEmpty() {
        pending.clear();
        appendedEnd = nextSeq;
        try {
            files.restartEmpty(nextSeq);
        } catch (IOException e) {
            open = false;
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether there are changes (appends or removals) not yet committed */
    boolean hasUnsavedChanges() {
        return pending.size() > 0 || !removals.isEmpty();
    }

    /**
     * Reads records in sequence order.
     *
     * @param fromSeq the first sequence number wanted (the next higher one is used when it is gone)
     * @param max the most records to read
     * @return the records, possibly fewer than {@code max}
     */
    public List<BufferedUplink> read(long fromSeq, int max) {
        List<BufferedUplink> batch = new ArrayList<>(Math.min(max, 256));
        long seq = fromSeq;
        long end = appendedEnd;
        // A drain that keeps up reads what was just appended: from memory, while the records follow each other.
        for (BufferedUplink b; batch.size() < max && seq < end && (b = recent.get(seq)) != null; seq++) {
            batch.add(b);
        }
        if (batch.size() == max || seq >= end || !open) {
            return batch;
        }
        // A backlog is drained one acknowledgement at a time: read ahead into the cache, so that one file read
        // serves the next READ_AHEAD reads instead of one.
        reader.read(files.all(), seq, end, Math.max(max - batch.size(), READ_AHEAD), max - batch.size(), batch,
                recent);
        return batch;
    }

    private void removeCorrupt(long seq) {
        if (remove(seq)) {
            drops.accept(DropReason.CORRUPT, 1);
        }
    }

    /**
     * Removes a record (after the upstream acknowledged it, or when it is dropped).
     *
     * @param seq its sequence number
     * @return whether it was still there
     */
    public boolean remove(long seq) {
        recent.forget(seq);
        SegmentFiles f = files;
        LogSegment s = f.of(seq);
        // Closed, or read again meanwhile, after a failed write: sent again once reopened, a duplicate, never a loss.
        if (!open || s == null || !s.remove(seq) || f != files) {
            return false;
        }
        removals.add(seq);
        live.decrementAndGet();
        return true;
    }

    /** Re-reads the oldest record's receive time for status; cheap (one record). */
    void refreshOldest() {
        Long first = firstSeq();
        List<BufferedUplink> head = first == null ? List.of() : read(first, 1);
        oldest = head.isEmpty() ? null : head.get(0).uplink().receivedAt();
    }

    /** @return the number of records */
    public long count() {
        return open ? live.get() : 0;
    }

    /** @return the size of the buffer's files, with what the next commit adds */
    public long bytes() {
        return files.bytes() + pending.size();
    }

    /** @return when the oldest record was received, or {@code null} when empty (refreshed by the writer) */
    public Instant oldestReceivedAt() {
        return count() == 0 ? null : oldest;
    }

    /** @return the first sequence number, or {@code null} when empty (or while the files are read again) */
    public Long firstSeq() {
        long first = open ? files.firstLive(appendedEnd) : -1;
        return first < 0 ? null : first;
    }

    /** @return whether the buffer is open (not after a failed write until it is reopened) */
    public boolean isOpen() {
        return open;
    }

    /** Commits and closes the files. */
    @Override
    public void close() {
        if (open) {
            try {
                commit(true);
            } catch (RuntimeException e) {
                // A full or failing disk: the files keep their last commit.
                LOG.warn("Uplink buffer closed without a final commit: {}", e.getMessage());
            }
        }
        open = false;
        files.closeAll();
        lock.release();
    }

    /**
     * Decodes one stored record; for tests and tools.
     *
     * @param seq a sequence number
     * @return the uplink, or {@code null} when absent
     */
    public Uplink get(long seq) {
        List<BufferedUplink> one = read(seq, 1);
        return one.isEmpty() || one.get(0).seq() != seq ? null : one.get(0).uplink();
    }
}
