// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;

/**
 * The exact size of a PUBLISH packet as the codec encodes it, known before the packet is built. An MQTT 5
 * client's Maximum Packet Size counts the whole packet (fixed header, variable header with properties, payload);
 * a message that does not fit is discarded for that client only (MQTT 5 3.1.2.25), so the size must be neither
 * underestimated (the client would disconnect) nor overestimated (a message that fits would be lost).
 */
final class PublishSize {

    private PublishSize() {
    }

    /**
     * @param topic the topic name as sent (empty when a topic alias stands for it)
     * @param qos the QoS the PUBLISH is sent with (1 and 2 add a packet identifier)
     * @param props the MQTT 5 properties, or {@code null} for an MQTT 3.1/3.1.1 PUBLISH (no property length)
     * @param payloadLength the payload size in bytes
     * @return the packet size in bytes
     */
    static long of(String topic, int qos, MqttProperties props, int payloadLength) {
        long remaining = 2L + ByteBufUtil.utf8Bytes(topic) + (qos > 0 ? 2 : 0) + payloadLength;
        if (props != null) {
            long length = propertiesLength(props);
            remaining += variableByteIntegerSize(length) + length;
        }
        return 1 + variableByteIntegerSize(remaining) + remaining;
    }

    /**
     * @param props MQTT 5 properties
     * @return the size of their encoding, without the property length in front of it
     */
    static long propertiesLength(MqttProperties props) {
        long length = 0;
        for (MqttProperties.MqttProperty<?> p : props.listAll()) {
            int id = p.propertyId();
            if (p instanceof UserProperties users) {
                // Each pair is a property of its own: identifier, name and value.
                for (StringPair pair : users.value()) {
                    length += variableByteIntegerSize(id) + 2 + ByteBufUtil.utf8Bytes(pair.key) + 2
                            + ByteBufUtil.utf8Bytes(pair.value);
                }
                continue;
            }
            length += variableByteIntegerSize(id) + valueSize(MqttPropertyType.valueOf(id), p.value());
        }
        return length;
    }

    private static long valueSize(MqttPropertyType type, Object value) {
        return switch (type) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> 1;
            case SERVER_KEEP_ALIVE, RECEIVE_MAXIMUM, TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS -> 2;
            case PUBLICATION_EXPIRY_INTERVAL, SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL, MAXIMUM_PACKET_SIZE -> 4;
            case SUBSCRIPTION_IDENTIFIER -> variableByteIntegerSize((Integer) value);
            case CORRELATION_DATA, AUTHENTICATION_DATA -> 2 + (value == null ? 0 : ((byte[]) value).length);
            case USER_PROPERTY -> {
                MqttProperties.StringPair pair = (MqttProperties.StringPair) value;
                yield 2 + ByteBufUtil.utf8Bytes(pair.key) + 2 + ByteBufUtil.utf8Bytes(pair.value);
            }
            default -> 2 + ByteBufUtil.utf8Bytes((String) value); // the UTF-8 string properties
        };
    }

    /**
     * @param value a non-negative value below 2^28
     * @return how many bytes MQTT's variable byte integer encoding of it takes
     */
    static int variableByteIntegerSize(long value) {
        int size = 1;
        while (value >= 128) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
