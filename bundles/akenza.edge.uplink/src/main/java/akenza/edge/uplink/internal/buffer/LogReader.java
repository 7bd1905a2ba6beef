// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads records back from the segment files for the drain: from the sparse index entry at or before the wanted
 * sequence number, frame by frame, one file read per {@value #CHUNK} bytes, skipping removed records and
 * removal frames. A frame whose CRC no longer holds, or whose record does not decode, is dropped (counted).
 */
final class LogReader {

    // Its lines are the buffer's: an operator filters one logger.
    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    static final int CHUNK = 64 * 1024;

    private final LongConsumer corrupt;
    /** Reads are rare (cache misses) and short: one buffer, one reader at a time. */
    private ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

    /** @param corrupt told the sequence number of a record that cannot be read back (it is removed) */
    LogReader(LongConsumer corrupt) {
        this.corrupt = corrupt;
    }

    /**
     * Reads up to {@code wanted} live records with sequence numbers in {@code [from, end)} into the cache, the
     * first {@code max} of them also into {@code batch}.
     */
    synchronized void read(LogSegment[] segments, long from, long end, int wanted, int max,
            List<BufferedUplink> batch, RecentRecords recent) {
        int read = 0;
        int added = 0;
        int first = Math.max(0, SegmentFiles.floorIndex(segments, from));
        for (int i = first; i < segments.length && read < wanted; i++) {
            LogSegment s = segments[i];
            long limit = s.length();
            if (s.lastSeq() < from) {
                continue;
            }
            long pos = s.offsetFor(from);
            try {
                while (pos < limit && read < wanted) {
                    int n = load(s, pos, (int) Math.min(chunk.capacity(), limit - pos));
                    int at = 0;
                    while (at + LogFrames.HEADER <= n && read < wanted) {
                        int length = LogFrames.length(chunk, at);
                        if (length < 0 || length > LogFrames.MAX_PAYLOAD || pos + at + LogFrames.HEADER + length > limit) {
                            LOG.error("Uplink buffer {}: unreadable frame at offset {}", s.file.getFileName(), pos + at);
                            return;
                        }
                        if (at + LogFrames.HEADER + length > n) {
                            break; // the rest of the frame is in the next load
                        }
                        long seq = LogFrames.seq(chunk, at);
                        if (LogFrames.type(chunk, at) == LogFrames.RECORD && seq >= from && seq < end
                                && !s.isRemoved(seq)) {
                            BufferedUplink b = decode(seq, at, length);
                            if (b != null) {
                                recent.put(b);
                                read++;
                                if (added++ < max) {
                                    batch.add(b);
                                }
                            }
                        }
                        at += LogFrames.HEADER + length;
                    }
                    if (at == 0) {
                        if (n < LogFrames.HEADER || n < chunk.capacity()) {
                            return; // nothing more to read in this file: cannot happen below its committed length
                        }
                        // One frame larger than the buffer: a larger one for this frame only.
                        chunk = ByteBuffer.allocate(LogFrames.HEADER + LogFrames.length(chunk, 0));
                        continue;
                    }
                    if (chunk.capacity() > CHUNK) {
                        chunk = ByteBuffer.allocate(CHUNK);
                    }
                    pos += at;
                }
            } catch (ClosedChannelException e) {
                // Deleted meanwhile: every record in it was removed.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private BufferedUplink decode(long seq, int at, int length) {
        if (!LogFrames.intact(chunk, at)) {
            LOG.warn("Dropping buffer record {}: its checksum does not match", seq);
            corrupt.accept(seq);
            return null;
        }
        try {
            return new BufferedUplink(seq, UplinkCodec.decode(LogFrames.payload(chunk, at)), length);
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping undecodable buffer record {}: {}", seq, e.getMessage());
            corrupt.accept(seq);
            return null;
        }
    }

    private int load(LogSegment s, long pos, int length) throws IOException {
        chunk.clear().limit(length);
        while (chunk.hasRemaining()) {
            if (s.channel.read(chunk, pos + chunk.position()) < 0) {
                break;
            }
        }
        return chunk.position();
    }
}
