// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a buffer segment: an 8-byte file header, then frames. A frame is a type byte, the
 * payload length (4), a sequence number (8), a CRC-32C over those and the payload (4), then the payload. A
 * record frame holds one encoded uplink under its sequence number; a removal frame lists the sequence numbers
 * acknowledged (or dropped) since the previous commit, 8 bytes each.
 *
 * <p>The CRC makes a torn write (power loss in the middle of a commit) and a flipped bit detectable: recovery
 * keeps every frame whose CRC holds and nothing else.
 */
final class LogFrames {

    /** The first bytes of every segment file: format and version. */
    static final byte[] FILE_HEADER = "AKZLOG01".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 17;
    static final byte RECORD = 'R';
    static final byte REMOVAL = 'X';
    /** Larger than any record the broker accepts (MQTT's 256 MB packet limit), so a wild length is rejected. */
    static final int MAX_PAYLOAD = 268_435_456;

    private static final int CRC_AT = 13;

    private LogFrames() {
    }

    /** Appends a record frame at the buffer's position (the buffer must have room). */
    static void putRecord(ByteBuffer out, long seq, byte[] record) {
        put(out, RECORD, seq, record, 0, record.length);
    }

    /** Appends a removal frame listing {@code count} sequence numbers. */
    static void putRemovals(ByteBuffer out, long[] seqs, int count) {
        byte[] payload = new byte[count * 8];
        ByteBuffer p = ByteBuffer.wrap(payload);
        for (int i = 0; i < count; i++) {
            p.putLong(seqs[i]);
        }
        put(out, REMOVAL, 0, payload, 0, payload.length);
    }

    private static void put(ByteBuffer out, byte type, long seq, byte[] payload, int offset, int length) {
        int start = out.position();
        out.put(type).putInt(length).putLong(seq);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + start, CRC_AT);
        crc.update(payload, offset, length);
        out.putInt((int) crc.getValue()).put(payload, offset, length);
    }

    /** @return the frame's type at {@code at}, or 0 when it is not a known type */
    static byte type(ByteBuffer in, int at) {
        byte t = in.get(at);
        return t == RECORD || t == REMOVAL ? t : 0;
    }

    /** @return the payload length of the frame at {@code at} (not checked) */
    static int length(ByteBuffer in, int at) {
        return in.getInt(at + 1);
    }

    /** @return the sequence number of the frame at {@code at} */
    static long seq(ByteBuffer in, int at) {
        return in.getLong(at + 5);
    }

    /**
     * @param in a heap buffer holding the whole frame from {@code at}
     * @return whether the frame's CRC holds (its header must have been checked for a sane length)
     */
    static boolean intact(ByteBuffer in, int at) {
        int length = length(in, at);
        CRC32C crc = new CRC32C();
        crc.update(in.array(), in.arrayOffset() + at, CRC_AT);
        crc.update(in.array(), in.arrayOffset() + at + HEADER, length);
        return (int) crc.getValue() == in.getInt(at + CRC_AT);
    }

    /** @return the payload of the frame at {@code at}, copied */
    static byte[] payload(ByteBuffer in, int at) {
        byte[] payload = new byte[length(in, at)];
        in.get(at + HEADER, payload);
        return payload;
    }
}
