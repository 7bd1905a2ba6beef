// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file of the buffer's log: the records from {@link #firstSeq} on, in sequence order, each at most once,
 * with removal frames between them. The writer thread appends; readers look records up through a sparse index
 * (the file offset of every {@value #INDEX_EVERY}th sequence number); removals from any thread set a bit. Once
 * every record in it is removed and a newer segment exists, the whole file is deleted.
 *
 * <p>Heap per record: one bit, plus 4 bytes per {@value #INDEX_EVERY} records.
 */
final class LogSegment {

    static final int INDEX_EVERY = 64;
    private static final String PREFIX = "uplinks-";
    private static final String SUFFIX = ".log";

    final long firstSeq;
    final Path file;
    final FileChannel channel;
    /** Bytes of the file readers may read: everything written by completed commits. */
    private volatile long length;
    /** The last sequence number readers may read, {@code firstSeq - 1} while none. */
    private volatile long lastSeq;
    /** Offsets of the first record at or after {@code firstSeq + k * INDEX_EVERY}; written by the writer only. */
    private volatile int[] index = new int[16];
    private int indexed;
    /** Bits below this belong to appended records (or to gaps); guarded by {@link #removed}. */
    private int recordsUpTo;
    private final BitSet removed = new BitSet();
    private final AtomicInteger live = new AtomicInteger();
    /** Removals only ever add bits: the first live record is never before this one. */
    private int firstLiveHint;

    LogSegment(Path dir, long firstSeq, boolean create) throws IOException {
        this.firstSeq = firstSeq;
        this.file = dir.resolve(fileName(firstSeq));
        this.channel = create
                ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.lastSeq = firstSeq - 1;
    }

    /**
     * Creates the next segment file with its header; when forced, the directory entry is forced too, so the
     * file is still there after a power loss.
     */
    static LogSegment create(Path dir, long firstSeq, boolean force) throws IOException {
        LogSegment s = new LogSegment(dir, firstSeq, true);
        try {
            s.channel.write(ByteBuffer.wrap(LogFrames.FILE_HEADER), 0);
            if (force) {
                s.channel.force(false);
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        } catch (IOException e) {
            s.close();
            Files.deleteIfExists(s.file);
            throw e;
        }
        s.published(LogFrames.FILE_HEADER.length, firstSeq - 1);
        return s;
    }

    static String fileName(long firstSeq) {
        return String.format(Locale.ROOT, "%s%016x%s", PREFIX, firstSeq, SUFFIX);
    }

    /** @return the first sequence number of a segment file's name, or -1 when it is not one */
    static long firstSeqOf(String fileName) {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)
                || fileName.length() != PREFIX.length() + 16 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(fileName.substring(PREFIX.length(), PREFIX.length() + 16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Writer (or recovery): a record with this sequence number is (or will be, at the commit) at this offset.
     * Sequence numbers only grow within a segment.
     */
    void appended(long seq, long offset) {
        int bit = (int) (seq - firstSeq);
        int slot = bit / INDEX_EVERY;
        int[] a = index;
        if (slot >= a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, slot + 1));
        }
        // Every slot up to this record's points here: a gap in the sequence numbers (records lost to damage)
        // still leads a reader to the next record after it.
        while (indexed <= slot) {
            a[indexed++] = (int) offset;
        }
        index = a;
        synchronized (removed) {
            recordsUpTo = bit + 1;
        }
        live.incrementAndGet();
    }

    /** Recovery: a sequence number below the next record's that has no record (lost to damage). */
    void lost(long seq) {
        synchronized (removed) {
            removed.set((int) (seq - firstSeq));
        }
    }

    /**
     * @param seq a sequence number up to {@link #lastSeq} (read before: its index slot is then filled and
     *        visible)
     * @return the offset to start looking for {@code seq} at (a record at or before it, or the first frame)
     */
    long offsetFor(long seq) {
        long slot = (seq - firstSeq) / INDEX_EVERY;
        int[] a = index;
        // An offset is never below the file header: 0 is a slot not filled yet.
        int offset = seq <= firstSeq || slot >= a.length ? 0 : a[(int) slot];
        return Math.max(offset, LogFrames.FILE_HEADER.length);
    }

    /** Writer: a commit made these bytes and records readable. */
    void published(long newLength, long newLastSeq) {
        length = newLength;
        lastSeq = newLastSeq;
    }

    long length() {
        return length;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** @return whether the record was live (appended, not removed) and is now removed */
    boolean remove(long seq) {
        if (seq < firstSeq || seq - firstSeq >= Integer.MAX_VALUE) {
            return false;
        }
        int bit = (int) (seq - firstSeq);
        synchronized (removed) {
            if (bit >= recordsUpTo || removed.get(bit)) {
                return false;
            }
            removed.set(bit);
        }
        live.decrementAndGet();
        return true;
    }

    boolean isRemoved(long seq) {
        synchronized (removed) {
            return removed.get((int) (seq - firstSeq));
        }
    }

    /** @return the first live sequence number up to {@code upTo} (exclusive), or -1 */
    long firstLive(long upTo) {
        synchronized (removed) {
            int bit = removed.nextClearBit(firstLiveHint);
            firstLiveHint = bit;
            long seq = firstSeq + bit;
            return seq < upTo && bit < recordsUpTo ? seq : -1;
        }
    }

    int live() {
        return live.get();
    }

    /** Closes the file quietly: readers still holding this segment then skip it. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to keep
        }
    }
}
