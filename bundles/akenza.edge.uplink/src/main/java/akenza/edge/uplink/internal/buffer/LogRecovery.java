// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the buffer's segment files at open: every frame whose CRC holds counts, in file order; removal frames
 * take their records out again. A damaged frame is skipped up to the next intact one (the records in between
 * are counted as lost); a damaged end of the newest file (a commit cut off by a crash or power loss, never
 * acknowledged to a device) is cut off. A file without the segment header is set aside.
 */
final class LogRecovery {

    // Its lines are the buffer's: an operator filters one logger.
    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    private static final int WINDOW = 1 << 20;

    /**
     * What was found.
     *
     * @param segments the segment files in order, all open
     * @param nextSeq the sequence number of the next record
     * @param live records not removed
     * @param lost records found damaged (sequence numbers missing inside a file)
     */
    record Found(List<LogSegment> segments, long nextSeq, long live, long lost) {
    }

    private final Path dir;
    private final List<LogSegment> segments = new ArrayList<>();
    /** {@link #segments} as an array, for looking up the file of a removed record. */
    private LogSegment[] read = new LogSegment[0];
    private long lost;
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowAt;

    private LogRecovery(Path dir) {
        this.dir = dir;
    }

    /** @return the segment files' first sequence numbers, ascending */
    static long[] segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> LogSegment.firstSeqOf(p.getFileName().toString())).filter(s -> s >= 0)
                    .sorted().toArray();
        }
    }

    /** Reads every segment file in {@code dir}; closes what it opened when that fails. */
    static Found recover(Path dir) throws IOException {
        LogRecovery r = new LogRecovery(dir);
        try {
            for (long first : segmentFiles(dir)) {
                r.read(first);
            }
        } catch (IOException | RuntimeException e) {
            r.segments.forEach(LogSegment::close);
            throw e;
        }
        long next = 1;
        long live = 0;
        for (LogSegment s : r.segments) {
            next = Math.max(s.firstSeq, s.lastSeq() + 1);
            live += s.live();
        }
        return new Found(r.segments, next, live, r.lost);
    }

    private void read(long first) throws IOException {
        LogSegment s = new LogSegment(dir, first, false);
        long size = s.channel.size();
        byte[] header = new byte[LogFrames.FILE_HEADER.length];
        if (size < header.length) {
            // A roll cut off before its header was written: it never held a record.
            s.close();
            Files.delete(s.file);
            return;
        }
        s.channel.read(ByteBuffer.wrap(header), 0);
        if (!Arrays.equals(header, LogFrames.FILE_HEADER)) {
            s.close();
            Path aside = BufferSalvage.setAside(s.file);
            LOG.error("{} is not an uplink buffer segment; moved it to {}", s.file.getFileName(), aside.getFileName());
            return;
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).lastSeq() >= first) {
            s.close();
            Path aside = BufferSalvage.setAside(s.file);
            LOG.error("{} overlaps the segment before it; moved it to {}", s.file.getFileName(), aside.getFileName());
            return;
        }
        segments.add(s);
        read = segments.toArray(LogSegment[]::new);
        windowAt = Long.MIN_VALUE;
        long pos = header.length;
        long expected = first;
        long last = first - 1;
        while (pos < size) {
            long frameEnd = intactFrameAt(s, pos, size, expected);
            if (frameEnd < 0) {
                long next = nextIntactFrame(s, pos + 1, size, expected);
                if (next < 0) {
                    LOG.warn("Uplink buffer {}: cut off {} bytes of an incomplete last commit", s.file.getFileName(),
                            size - pos);
                    s.channel.truncate(pos);
                    size = pos;
                    break;
                }
                LOG.error("Uplink buffer {}: skipped {} damaged bytes at offset {}", s.file.getFileName(),
                        next - pos, pos);
                pos = next;
                continue;
            }
            int at = (int) (pos - windowAt);
            if (LogFrames.type(window, at) == LogFrames.RECORD) {
                long seq = LogFrames.seq(window, at);
                for (long gap = expected; gap < seq; gap++) {
                    s.lost(gap);
                    lost++;
                }
                s.appended(seq, pos);
                expected = seq + 1;
                last = seq;
            } else {
                applyRemovals(at);
            }
            pos = frameEnd;
        }
        s.published(size, last);
    }

    private void applyRemovals(int at) {
        int count = LogFrames.length(window, at) / 8;
        for (int i = 0; i < count; i++) {
            long seq = window.getLong(at + LogFrames.HEADER + i * 8);
            LogSegment owner = SegmentFiles.of(read, seq);
            if (owner != null) {
                owner.remove(seq);
            }
        }
    }

    /**
     * @param expected the least sequence number a record frame here may carry
     * @return the end of the intact frame at {@code pos}, or -1 when there is none
     */
    private long intactFrameAt(LogSegment s, long pos, long size, long expected) throws IOException {
        if (size - pos < LogFrames.HEADER || !load(s, pos, LogFrames.HEADER, size)) {
            return -1;
        }
        int at = (int) (pos - windowAt);
        byte type = LogFrames.type(window, at);
        int length = LogFrames.length(window, at);
        if (type == 0 || length < 0 || length > LogFrames.MAX_PAYLOAD || length > size - pos - LogFrames.HEADER
                || (type == LogFrames.REMOVAL && length % 8 != 0)
                || (type == LogFrames.RECORD && LogFrames.seq(window, at) < expected)) {
            return -1;
        }
        if (!load(s, pos, LogFrames.HEADER + length, size)) {
            return -1;
        }
        at = (int) (pos - windowAt);
        return LogFrames.intact(window, at) ? pos + LogFrames.HEADER + length : -1;
    }

    private long nextIntactFrame(LogSegment s, long from, long size, long expected) throws IOException {
        for (long pos = from; pos + LogFrames.HEADER <= size; pos++) {
            if (intactFrameAt(s, pos, size, expected) >= 0) {
                return pos;
            }
        }
        return -1;
    }

    /** Makes {@code [pos, pos + need)} readable in {@link #window}. */
    private boolean load(LogSegment s, long pos, int need, long size) throws IOException {
        if (pos >= windowAt && pos + need <= windowAt + window.limit()) {
            return true;
        }
        int length = (int) Math.min(Math.max(need, WINDOW), size - pos);
        if (length < need) {
            return false;
        }
        if (window.capacity() < length) {
            window = ByteBuffer.allocate(Math.max(length, WINDOW));
        }
        window.clear().limit(length);
        while (window.hasRemaining()) {
            if (s.channel.read(window, pos + window.position()) < 0) {
                return false;
            }
        }
        windowAt = pos;
        return true;
    }
}
