// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UserProperty;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of an {@link Uplink} in the buffer.
 *
 * <p>Layout (version 1): version byte, flags byte, qos byte, received-at seconds (8) and nanos (4), device id,
 * akenza topic, level count and levels, optional properties by flag, payload. Strings and byte arrays are a
 * varint length followed by the bytes (UTF-8 for strings). A version byte lets later releases read old buffers.
 */
public final class UplinkCodec {

    /** The format this class writes. */
    public static final byte VERSION = 1;

    private static final int RETAIN = 1;
    private static final int CONTENT_TYPE = 1 << 1;
    private static final int PAYLOAD_FORMAT = 1 << 2;
    private static final int CORRELATION = 1 << 3;
    private static final int RESPONSE_TOPIC = 1 << 4;
    private static final int EXPIRY = 1 << 5;
    private static final int USER_PROPERTIES = 1 << 6;

    private UplinkCodec() {
    }

    /**
     * @param uplink an uplink
     * @return its encoding
     */
    public static byte[] encode(Uplink uplink) {
        MessageProperties p = uplink.properties();
        Out out = new Out(64 + uplink.payloadSize());
        int flags = (uplink.retain() ? RETAIN : 0) | (p.contentType() != null ? CONTENT_TYPE : 0)
                | (p.payloadFormatIndicator() != null ? PAYLOAD_FORMAT : 0)
                | (p.correlationData() != null ? CORRELATION : 0) | (p.responseTopic() != null ? RESPONSE_TOPIC : 0)
                | (p.messageExpirySeconds() != null ? EXPIRY : 0)
                | (p.userProperties().isEmpty() ? 0 : USER_PROPERTIES);
        out.write(VERSION);
        out.write(flags);
        out.write(uplink.qos());
        writeLong(out, uplink.receivedAt().getEpochSecond());
        writeInt(out, uplink.receivedAt().getNano());
        writeString(out, uplink.deviceId());
        writeString(out, uplink.akenzaTopic());
        writeVarint(out, uplink.levels().size());
        for (String level : uplink.levels()) {
            writeString(out, level);
        }
        if (p.contentType() != null) {
            writeString(out, p.contentType());
        }
        if (p.payloadFormatIndicator() != null) {
            out.write(p.payloadFormatIndicator());
        }
        if (p.correlationData() != null) {
            writeBytes(out, p.correlationData());
        }
        if (p.responseTopic() != null) {
            writeString(out, p.responseTopic());
        }
        if (p.messageExpirySeconds() != null) {
            writeLong(out, p.messageExpirySeconds());
        }
        if (!p.userProperties().isEmpty()) {
            writeVarint(out, p.userProperties().size());
            for (UserProperty u : p.userProperties()) {
                writeString(out, u.name());
                writeString(out, u.value());
            }
        }
        writeBytes(out, uplink.payload());
        return out.toByteArray();
    }

    /**
     * @param bytes an encoding made by {@link #encode(Uplink)}
     * @return the uplink
     * @throws IllegalArgumentException when the bytes are not a valid encoding of a known version
     */
    public static Uplink decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown buffer record version " + version);
            }
            int flags = in.get();
            int qos = in.get();
            Instant receivedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            String deviceId = readString(in);
            String akenzaTopic = readString(in);
            int levelCount = readVarint(in);
            List<String> levels = new ArrayList<>(Math.min(levelCount, 64));
            for (int i = 0; i < levelCount; i++) {
                levels.add(readString(in));
            }
            String contentType = (flags & CONTENT_TYPE) != 0 ? readString(in) : null;
            Integer payloadFormat = (flags & PAYLOAD_FORMAT) != 0 ? Integer.valueOf(in.get()) : null;
            byte[] correlation = (flags & CORRELATION) != 0 ? readBytes(in) : null;
            String responseTopic = (flags & RESPONSE_TOPIC) != 0 ? readString(in) : null;
            Long expiry = (flags & EXPIRY) != 0 ? Long.valueOf(in.getLong()) : null;
            List<UserProperty> userProperties = new ArrayList<>();
            if ((flags & USER_PROPERTIES) != 0) {
                int count = readVarint(in);
                for (int i = 0; i < count; i++) {
                    userProperties.add(new UserProperty(readString(in), readString(in)));
                }
            }
            byte[] payload = readBytes(in);
            MessageProperties properties = new MessageProperties(contentType, payloadFormat, userProperties,
                    correlation, responseTopic, expiry);
            return new Uplink(deviceId, levels, akenzaTopic, payload, qos, (flags & RETAIN) != 0,
                    properties.isEmpty() ? MessageProperties.NONE : properties, receivedAt);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated buffer record", e);
        }
    }

    /**
     * Reads only the receive time, to check a record's age without decoding the payload.
     *
     * @param bytes an encoding made by {@link #encode(Uplink)}
     * @return when the gateway received the uplink
     */
    public static Instant receivedAt(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.get() != VERSION) {
            throw new IllegalArgumentException("unknown buffer record version");
        }
        in.position(3);
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    /**
     * A growable byte array without {@code ByteArrayOutputStream}'s lock per call: a record is some twenty
     * small writes, on the broker's event loop for every uplink.
     */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] bytes, int offset, int length) {
            if (size + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
            }
            System.arraycopy(bytes, offset, buf, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    private static void writeLong(Out out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }

    private static void writeInt(Out out, int v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(v >>> shift);
        }
    }

    private static void writeVarint(Out out, int v) {
        int rest = v;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static void writeString(Out out, String s) {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(Out out, byte[] bytes) {
        writeVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("negative length in buffer record");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("malformed length in buffer record");
    }

    private static String readString(ByteBuffer in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = readVarint(in);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("truncated buffer record");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
