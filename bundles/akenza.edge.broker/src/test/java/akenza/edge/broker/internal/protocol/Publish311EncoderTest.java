// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MQTT 3.1.1 PUBLISHes the broker encodes in batches are byte for byte what Netty's encoder writes. */
class Publish311EncoderTest {

    private static String encodedByNetty(String topic, int qos, boolean retain, boolean dup, int packetId,
            byte[] payload) {
        return NettyEncoding.hex(MqttVersion.MQTT_3_1_1, new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos > 0 ? packetId : -1, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(payload)));
    }

    @ParameterizedTest(name = "{0} qos {1} retain {2} dup {3} id {4}, {5} payload bytes")
    @CsvSource({
        "a/b, 0, false, false, 0, 0",
        "a/b, 0, true, false, 0, 100",
        "/up/secret/id/dev-1, 1, false, false, 1, 100",
        "/up/secret/id/dev-1, 1, false, true, 65535, 200",
        "temp\u00e9rature/\u00b0C/\u6e29\u5ea6, 2, true, true, 4711, 16380",
        "x, 2, false, false, 300, 20000",
        "s, 1, true, false, 7, 2097150"
    })
    void matchesNettysEncoder(String topic, int qos, boolean retain, boolean dup, int packetId, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'p');
        if (size > 0) {
            payload[0] = (byte) 0xFF;
        }
        ByteBuf ours = Unpooled.buffer(16);
        try {
            // Two in one buffer, as in a drain: the second must start where the first ends.
            Publish311Encoder.encode(ours, topic, qos, retain, dup, packetId, payload);
            Publish311Encoder.encode(ours, topic, qos, retain, dup, packetId, payload);
            String one = encodedByNetty(topic, qos, retain, dup, packetId, payload);
            assertEquals(one + one, ByteBufUtil.hexDump(ours));
        } finally {
            ours.release();
        }
    }
}
