// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes an MQTT 3.1.1 PUBLISH straight into a buffer that collects a whole drain's deliveries to one client: no
 * message object, promise or buffer per packet. The bytes are those of Netty's {@code MqttEncoder}
 * (round-trip test); MQTT 5 deliveries (properties, topic aliases, the client's packet size limit) keep that path.
 */
final class Publish311Encoder {

    private Publish311Encoder() {
    }

    /**
     * @param out where the packet goes (grown as needed)
     * @param topic the topic name
     * @param qos 0, 1 or 2
     * @param retain the RETAIN flag
     * @param dup the DUP flag
     * @param packetId its packet identifier (ignored at QoS 0)
     * @param payload the payload
     */
    static void encode(ByteBuf out, String topic, int qos, boolean retain, boolean dup, int packetId,
            byte[] payload) {
        int topicBytes = ByteBufUtil.utf8Bytes(topic);
        int remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + payload.length;
        out.ensureWritable(1 + PublishSize.variableByteIntegerSize(remaining) + remaining);
        out.writeByte(0x30 | (dup ? 0x08 : 0) | qos << 1 | (retain ? 1 : 0));
        for (int rest = remaining;;) {
            int digit = rest & 0x7F;
            rest >>>= 7;
            if (rest == 0) {
                out.writeByte(digit);
                break;
            }
            out.writeByte(digit | 0x80);
        }
        out.writeShort(topicBytes);
        ByteBufUtil.reserveAndWriteUtf8(out, topic, topicBytes);
        if (qos > 0) {
            out.writeShort(packetId);
        }
        out.writeBytes(payload);
    }
}
