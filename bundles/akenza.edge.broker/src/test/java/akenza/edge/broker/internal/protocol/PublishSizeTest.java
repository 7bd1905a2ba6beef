// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PublishSize} equals the number of bytes Netty's encoder writes for the same PUBLISH. */
class PublishSizeTest {

    /** Netty keeps the negotiated MQTT version in this channel attribute; its encoder writes properties for 5. */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private static int encodedSize(MqttVersion version, String topic, int qos, MqttProperties props, int payload) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(version);
        channel.writeOutbound(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, qos > 0 ? 1 : -1, props), Unpooled.wrappedBuffer(new byte[payload])));
        int size = 0;
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            size += b.readableBytes();
            b.release();
        }
        channel.finishAndReleaseAll();
        return size;
    }

    @ParameterizedTest(name = "topic {0}, QoS {1}, payload {2}, props {3}")
    @CsvSource(delimiter = '|', value = {
        "TopicA                   | 0 | 32     | none",
        "TopicA                   | 1 | 64     | none",
        "a                        | 2 | 0      | user",
        "''                       | 1 | 10     | alias",
        "/up/s3cret/id/dev/temp   | 1 | 100    | all",
        "grüße/温度                | 0 | 5      | all",
        "big                      | 1 | 20000  | user",
        "huge                     | 0 | 300000 | all",
    })
    void equalsWhatTheEncoderWrites(String topic, int qos, int payload, String props) {
        MqttProperties properties = properties(props);
        assertEquals(encodedSize(MqttVersion.MQTT_5, topic, qos, properties(props), payload),
                PublishSize.of(topic, qos, properties, payload));
    }

    @ParameterizedTest(name = "MQTT 3.1.1 topic {0}, QoS {1}, payload {2}")
    @CsvSource(delimiter = '|', value = {"TopicA | 0 | 32", "a/b | 1 | 200", "x | 2 | 16384"})
    void mqtt311HasNoPropertyLength(String topic, int qos, int payload) {
        assertEquals(encodedSize(MqttVersion.MQTT_3_1_1, topic, qos, MqttProperties.NO_PROPERTIES, payload),
                PublishSize.of(topic, qos, null, payload));
    }

    private static MqttProperties properties(String which) {
        return switch (which) {
            case "none" -> PropertyMapper.toNetty(MessageProperties.NONE, -1, List.of());
            case "user" -> PropertyMapper.toNetty(new MessageProperties(null, null,
                    List.of(new UserProperty("a", "2"), new UserProperty("c", "3")), null, null, null), -1, List.of());
            case "alias" -> {
                MqttProperties p = new MqttProperties();
                p.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), 1));
                yield p;
            }
            default -> {
                MqttProperties p = PropertyMapper.toNetty(new MessageProperties("application/json", 1,
                        List.of(new UserProperty("ä", "ü".repeat(70))),
                        "corr".getBytes(StandardCharsets.UTF_8), "reply/to", 3600L), 3599, List.of(1, 200, 300000));
                p.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), 7));
                yield p;
            }
        };
    }
}
