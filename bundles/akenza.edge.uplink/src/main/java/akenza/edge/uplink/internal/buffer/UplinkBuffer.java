// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.DropReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjIntConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable uplink queue: an H2 MVStore map from a monotonic sequence number to an encoded uplink.
 *
 * <p>Only the {@link BufferWriter} thread appends and commits; any thread may read and remove. The heap
 * holds counters and a bounded cache of the newest records ({@link RecentRecords}); a backlog is read from
 * disk in batches.
 */
public final class UplinkBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);

    private final Path file;
    private final boolean fsync;
    private final ObjIntConsumer<DropReason> drops;
    private final AtomicLong bytes = new AtomicLong();
    // Replaced together by reopen() after a write failure closed the store; readers take one snapshot each.
    private volatile MVStore store;
    private volatile MVMap<Long, byte[]> records;
    private long nextSeq;
    /** {@link #nextSeq} as readers may see it: everything below was appended. */
    private volatile long appendedEnd;
    private final RecentRecords recent = new RecentRecords();
    /** Records read from the file at once when a read misses the cache. */
    static final int READ_AHEAD = 64;
    private volatile Instant oldest;
    private volatile BufferSalvage.Result salvage;

    UplinkBuffer(Path file, MVStore store, boolean fsync, ObjIntConsumer<DropReason> drops) {
        this.file = file;
        this.fsync = fsync;
        this.drops = drops;
        attach(store);
    }

    private void attach(MVStore opened) {
        MVMap<Long, byte[]> map = opened.openMap("uplinks",
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        long total = 0;
        // One pass over the values at start to know the byte total; afterwards counters follow every change.
        Cursor<Long, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            cursor.next();
            total += cursor.getValue().length;
        }
        bytes.set(total);
        Long last = map.lastKey();
        nextSeq = last == null ? 1 : last + 1;
        appendedEnd = nextSeq;
        recent.clear();
        store = opened;
        records = map;
        refreshOldest();
    }

    /**
     * Opens the file again after a failed write closed the store (MVStore closes itself on a write error): the
     * file holds the last commit; removals made since then come back (sent again, never lost). Writer thread.
     */
    void reopen() {
        MVStore old = store;
        if (!old.isClosed()) {
            old.closeImmediately();
        }
        attach(BufferOpening.openStore(file));
    }

    /**
     * Proves the file takes writes again: commits (and forces) a tiny change together with pending removals.
     * Writer thread; throws like a commit does.
     */
    void probeWrite() {
        MVStore s = store;
        s.openMap("probe").put("written", System.currentTimeMillis());
        s.commit();
        s.sync();
    }

    /** @return bytes the file system holding the buffer still has for us, or -1 when unknown */
    long usableSpace() {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Opens (or creates) the buffer file in a directory; a damaged file is set aside and salvaged.
     *
     * @param dir the directory, created when missing
     * @param fsync whether each commit is forced to the device (survives power loss, not only a process crash)
     * @param drops told about records dropped while reading (undecodable ones)
     * @return the open buffer
     * @throws IOException when the directory or the file cannot be opened
     */
    public static UplinkBuffer open(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops) throws IOException {
        return BufferOpening.open(dir, fsync, drops);
    }

    /** Records what was salvaged when this buffer replaced a damaged file. */
    void salvaged(BufferSalvage.Result result) {
        salvage = result;
    }

    /** @return what was salvaged when this buffer replaced a damaged file, or {@code null} */
    public BufferSalvage.Result salvage() {
        return salvage;
    }

    /**
     * Stores a record under the next sequence number (not yet committed). Writer thread only.
     *
     * @param record an encoded uplink
     * @param uplink the uplink it encodes, kept in the bounded cache of the newest records; {@code null}: not
     * @return its sequence number
     */
    long append(byte[] record, Uplink uplink) {
        long seq = nextSeq++;
        records.put(seq, record);
        if (uplink != null) {
            recent.put(new BufferedUplink(seq, uplink, record.length));
        }
        appendedEnd = nextSeq;
        bytes.addAndGet(record.length);
        if (oldest == null) {
            oldest = UplinkCodec.receivedAt(record);
        }
        return seq;
    }

    /**
     * Removes the oldest records until {@code incoming} more bytes fit under {@code maxBytes}.
     *
     * @return how many records were removed
     */
    int dropOldestUntilFits(long incoming, long maxBytes) {
        int dropped = 0;
        while (bytes.get() + incoming > maxBytes) {
            Long first = records.firstKey();
            if (first == null) {
                break;
            }
            if (remove(first)) {
                dropped++;
            }
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
        while (true) {
            Long first = records.firstKey();
            if (first == null) {
                break;
            }
            byte[] value = records.get(first);
            if (value == null) {
                continue;
            }
            Instant at;
            try {
                at = UplinkCodec.receivedAt(value);
            } catch (RuntimeException e) {
                at = Instant.MIN;
            }
            if (!at.isBefore(cutoff)) {
                break;
            }
            if (remove(first)) {
                dropped++;
            }
        }
        refreshOldest();
        return dropped;
    }

    /** Commits pending changes; forces them to the device when configured and {@code durable} is asked. */
    void commit(boolean durable) {
        store.commit();
        if (durable && fsync) {
            store.sync();
        }
    }

    /** @return whether there are changes (appends or removals) not yet committed */
    boolean hasUnsavedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Rewrites sparse chunks so the file shrinks back after a backlog drained. Writer thread only. */
    void compact() {
        if (store.getFillRate() < 50) {
            store.compact(50, 4 << 20);
        }
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
        if (batch.size() == max || seq >= end) {
            return batch;
        }
        MVMap<Long, byte[]> map = records;
        try {
            // A backlog is drained one acknowledgement at a time: read ahead into the cache, so that a descent
            // through the file's B-tree serves the next READ_AHEAD reads instead of one.
            Cursor<Long, byte[]> cursor = map.cursor(seq);
            int wanted = Math.max(max, READ_AHEAD);
            for (int read = 0; read < wanted && cursor.hasNext(); read++) {
                long stored = cursor.next();
                byte[] value = cursor.getValue();
                try {
                    BufferedUplink b = new BufferedUplink(stored, UplinkCodec.decode(value), value.length);
                    recent.put(b);
                    if (batch.size() < max) {
                        batch.add(b);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("Dropping undecodable buffer record {}: {}", stored, e.getMessage());
                    if (remove(stored)) {
                        drops.accept(DropReason.CORRUPT, 1);
                    }
                }
            }
        } catch (MVStoreException e) {
            rethrowUnlessClosed(map, e);
        }
        return batch;
    }

    /**
     * A write failure closes the store until the writer reopens it: readers then see nothing for a moment
     * instead of an error that would be taken for an upstream fault.
     */
    private static void rethrowUnlessClosed(MVMap<?, ?> map, MVStoreException e) {
        if (!map.getStore().isClosed() && e.getErrorCode() != DataUtils.ERROR_CLOSED) {
            throw e;
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
        MVMap<Long, byte[]> map = records;
        byte[] old;
        try {
            old = map.remove(seq);
        } catch (MVStoreException e) {
            rethrowUnlessClosed(map, e);
            return false; // sent again after the reopen: a duplicate, never a loss
        }
        if (old == null) {
            return false;
        }
        bytes.addAndGet(-old.length);
        return true;
    }

    /** Re-reads the oldest record's receive time for status; cheap (one record). */
    void refreshOldest() {
        Long first = records.firstKey();
        byte[] value = first == null ? null : records.get(first);
        Instant at = null;
        if (value != null) {
            try {
                at = UplinkCodec.receivedAt(value);
            } catch (RuntimeException e) {
                at = null;
            }
        }
        oldest = at;
    }

    /** @return the number of records */
    public long count() {
        MVMap<Long, byte[]> map = records;
        try {
            return map.sizeAsLong();
        } catch (MVStoreException e) {
            rethrowUnlessClosed(map, e);
            return 0;
        }
    }

    /** @return the encoded size of all records */
    public long bytes() {
        return bytes.get();
    }

    /** @return when the oldest record was received, or {@code null} when empty (refreshed by the writer) */
    public Instant oldestReceivedAt() {
        return count() == 0 ? null : oldest;
    }

    /** @return the first sequence number, or {@code null} when empty (or while the store is reopened) */
    public Long firstSeq() {
        MVMap<Long, byte[]> map = records;
        try {
            return map.firstKey();
        } catch (MVStoreException e) {
            rethrowUnlessClosed(map, e);
            return null;
        }
    }

    /** @return whether the store is open */
    public boolean isOpen() {
        return !store.isClosed();
    }

    /** Commits and closes the file. */
    @Override
    public void close() {
        MVStore s = store;
        if (s.isClosed()) {
            return;
        }
        try {
            s.commit();
            s.sync();
        } catch (RuntimeException e) {
            // A full or failing disk: the file keeps its last commit.
            LOG.warn("Uplink buffer closed without a final commit: {}", e.getMessage());
        }
        // Never MVStore's clean close: it can mark the file clean while its chunk table still lists chunks whose
        // space was reused after a crash (MVStore 2.1.214), and the next open then fails with "Double mark".
        // Unmarked, every open takes the recovery path, which checks every live chunk and ignores dead ones
        // (KillLoopTest: kills, then a clean stop, then the file must open as it is).
        s.closeImmediately();
    }

    /**
     * Decodes one stored record; for tests and tools.
     *
     * @param seq a sequence number
     * @return the uplink, or {@code null} when absent
     */
    public Uplink get(long seq) {
        byte[] value = records.get(seq);
        return value == null ? null : UplinkCodec.decode(value);
    }
}
