// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Writes an upstream PUBLISH (MQTT 3.1.1 or 5) straight into a buffer that collects a whole flush's packets:
 * no message objects, no buffer per packet. Carries the same properties as {@link NettyProperties#toNetty}
 * (the ones Paho's MQTT 5 client sends too); Netty's decoder reads it back the same (round-trip test).
 */
final class PublishEncoder {

    private static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    private static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    private static final int CONTENT_TYPE = 0x03;
    private static final int RESPONSE_TOPIC = 0x08;
    private static final int CORRELATION_DATA = 0x09;
    private static final int USER_PROPERTY = 0x26;

    private PublishEncoder() {
    }

    /**
     * @param out where the packet goes (grown as needed)
     * @param m the message (QoS 0, 1 or 2)
     * @param packetId its packet identifier (ignored at QoS 0)
     * @param mqtt5 whether to write MQTT 5 (with properties)
     */
    static void encode(ByteBuf out, OutgoingMessage m, int packetId, boolean mqtt5) {
        int topicBytes = ByteBufUtil.utf8Bytes(m.topic());
        MessageProperties p = m.properties();
        int propertyBytes = mqtt5 ? propertyBytes(p) : 0;
        int remaining = 2 + topicBytes + (m.qos() > 0 ? 2 : 0)
                + (mqtt5 ? varIntBytes(propertyBytes) + propertyBytes : 0) + m.payload().length;
        out.ensureWritable(1 + varIntBytes(remaining) + remaining);
        out.writeByte(0x30 | m.qos() << 1 | (m.retain() ? 1 : 0));
        writeVarInt(out, remaining);
        out.writeShort(topicBytes);
        ByteBufUtil.reserveAndWriteUtf8(out, m.topic(), topicBytes);
        if (m.qos() > 0) {
            out.writeShort(packetId);
        }
        if (mqtt5) {
            writeVarInt(out, propertyBytes);
            if (propertyBytes > 0) {
                writeProperties(out, p);
            }
        }
        out.writeBytes(m.payload());
    }

    private static int propertyBytes(MessageProperties p) {
        if (p.isEmpty()) {
            return 0;
        }
        int n = 0;
        if (p.payloadFormatIndicator() != null) {
            n += 2;
        }
        if (p.messageExpirySeconds() != null) {
            n += 5;
        }
        if (p.contentType() != null) {
            n += 3 + ByteBufUtil.utf8Bytes(p.contentType());
        }
        if (p.responseTopic() != null) {
            n += 3 + ByteBufUtil.utf8Bytes(p.responseTopic());
        }
        if (p.correlationData() != null) {
            n += 3 + p.correlationData().length;
        }
        for (UserProperty u : p.userProperties()) {
            n += 5 + ByteBufUtil.utf8Bytes(u.name()) + ByteBufUtil.utf8Bytes(u.value());
        }
        return n;
    }

    private static void writeProperties(ByteBuf out, MessageProperties p) {
        if (p.payloadFormatIndicator() != null) {
            out.writeByte(PAYLOAD_FORMAT_INDICATOR).writeByte(p.payloadFormatIndicator() == 1 ? 1 : 0);
        }
        if (p.messageExpirySeconds() != null) {
            out.writeByte(MESSAGE_EXPIRY_INTERVAL).writeInt((int) Math.min(p.messageExpirySeconds(), 0xFFFF_FFFFL));
        }
        if (p.contentType() != null) {
            out.writeByte(CONTENT_TYPE);
            writeString(out, p.contentType());
        }
        if (p.responseTopic() != null) {
            out.writeByte(RESPONSE_TOPIC);
            writeString(out, p.responseTopic());
        }
        if (p.correlationData() != null) {
            out.writeByte(CORRELATION_DATA).writeShort(p.correlationData().length).writeBytes(p.correlationData());
        }
        for (UserProperty u : p.userProperties()) {
            out.writeByte(USER_PROPERTY);
            writeString(out, u.name());
            writeString(out, u.value());
        }
    }

    private static void writeString(ByteBuf out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length).writeBytes(bytes);
    }

    private static int varIntBytes(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    private static void writeVarInt(ByteBuf out, int value) {
        int v = value;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.writeByte(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
    }
}
