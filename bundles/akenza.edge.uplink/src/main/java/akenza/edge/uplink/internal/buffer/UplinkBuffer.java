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
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable uplink queue: an H2 MVStore map from a monotonic sequence number to an encoded uplink.
 *
 * <p>Only the {@link BufferWriter} thread appends and commits; any thread may read and remove. The heap
 * holds counters only: records are read from disk in batches.
 */
public final class UplinkBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    private static final String FILE_NAME = "uplinks.mv.db";
    private static final int CACHE_MB = 4;

    private final MVStore store;
    private final MVMap<Long, byte[]> records;
    private final boolean fsync;
    private final ObjIntConsumer<DropReason> drops;
    private final AtomicLong bytes = new AtomicLong();
    private long nextSeq;
    private volatile Instant oldest;

    private UplinkBuffer(MVStore store, boolean fsync, ObjIntConsumer<DropReason> drops) {
        this.store = store;
        this.fsync = fsync;
        this.drops = drops;
        this.records = store.openMap("uplinks",
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        long total = 0;
        // One pass over the values at start to know the byte total; afterwards counters follow every change.
        Cursor<Long, byte[]> cursor = records.cursor(null);
        while (cursor.hasNext()) {
            cursor.next();
            total += cursor.getValue().length;
        }
        bytes.set(total);
        Long last = records.lastKey();
        nextSeq = last == null ? 1 : last + 1;
        refreshOldest();
    }

    /**
     * Opens (or creates) the buffer file in a directory.
     *
     * @param dir the directory, created when missing
     * @param fsync whether each commit is forced to the device (survives power loss, not only a process crash)
     * @param drops told about records dropped while reading (undecodable ones)
     * @return the open buffer
     * @throws IOException when the directory or the file cannot be opened
     */
    public static UplinkBuffer open(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops) throws IOException {
        Files.createDirectories(dir);
        try {
            MVStore store = new MVStore.Builder().fileName(dir.resolve(FILE_NAME).toString()).autoCommitDisabled()
                    .cacheSize(CACHE_MB).open();
            return new UplinkBuffer(store, fsync, drops);
        } catch (RuntimeException e) {
            throw new IOException("cannot open the uplink buffer in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a record under the next sequence number (not yet committed). Writer thread only.
     *
     * @param record an encoded uplink
     * @return its sequence number
     */
    long append(byte[] record) {
        long seq = nextSeq++;
        records.put(seq, record);
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
        Cursor<Long, byte[]> cursor = records.cursor(fromSeq);
        while (batch.size() < max && cursor.hasNext()) {
            long seq = cursor.next();
            byte[] value = cursor.getValue();
            try {
                batch.add(new BufferedUplink(seq, UplinkCodec.decode(value), value.length));
            } catch (IllegalArgumentException e) {
                LOG.warn("Dropping undecodable buffer record {}: {}", seq, e.getMessage());
                if (remove(seq)) {
                    drops.accept(DropReason.CORRUPT, 1);
                }
            }
        }
        return batch;
    }

    /**
     * Removes a record (after the upstream acknowledged it, or when it is dropped).
     *
     * @param seq its sequence number
     * @return whether it was still there
     */
    public boolean remove(long seq) {
        byte[] old = records.remove(seq);
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
        return records.sizeAsLong();
    }

    /** @return the encoded size of all records */
    public long bytes() {
        return bytes.get();
    }

    /** @return when the oldest record was received, or {@code null} when empty (refreshed by the writer) */
    public Instant oldestReceivedAt() {
        return records.isEmpty() ? null : oldest;
    }

    /** @return the first sequence number, or {@code null} when empty */
    public Long firstSeq() {
        return records.firstKey();
    }

    /** @return whether the store is open */
    public boolean isOpen() {
        return !store.isClosed();
    }

    /** Commits and closes the file. */
    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
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
