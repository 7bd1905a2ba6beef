// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The frames of the next commit, in memory until it writes them with one system call. Writer thread; its size
 * is readable from any thread (the buffer's byte count).
 */
final class PendingFrames {

    private static final int INITIAL = 64 * 1024;
    /** A commit of large records leaves a large buffer: above this it is given back after the commit. */
    private static final int KEPT = 1 << 20;

    private ByteBuffer frames = ByteBuffer.allocate(INITIAL);
    private boolean records;
    private volatile int size;

    /** @return the bytes waiting, which is also where the next frame starts relative to the commit's start */
    int size() {
        return size;
    }

    /** @return whether a record frame is waiting */
    boolean hasRecords() {
        return records;
    }

    void putRecord(long seq, byte[] record) {
        room(LogFrames.HEADER + record.length);
        LogFrames.putRecord(frames, seq, record);
        records = true;
        size = frames.position();
    }

    void putRemovals(long[] seqs) {
        room(LogFrames.HEADER + seqs.length * 8);
        LogFrames.putRemovals(frames, seqs, seqs.length);
        size = frames.position();
    }

    private void room(int bytes) {
        if (frames.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(frames.capacity() * 2, frames.position() + bytes));
            frames.flip();
            frames = larger.put(frames);
        }
    }

    /** Writes every waiting frame at {@code at}; they stay waiting until {@link #clear}. */
    void writeTo(FileChannel channel, long at) throws IOException {
        ByteBuffer out = frames.duplicate().flip();
        while (out.hasRemaining()) {
            channel.write(out, at + out.position());
        }
    }

    void clear() {
        if (frames.capacity() > KEPT) {
            frames = ByteBuffer.allocate(INITIAL);
        }
        frames.clear();
        records = false;
        size = 0;
    }
}
