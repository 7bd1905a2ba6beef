// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The acknowledgements the broker writes itself are byte for byte what Netty's encoder writes. */
class PacketsTest {

    @ParameterizedTest(name = "{0} {1} packet id {2}")
    @CsvSource({
        "MQTT_3_1_1, PUBACK, 1",
        "MQTT_3_1_1, PUBREC, 65535",
        "MQTT_3_1, PUBACK, 256",
        "MQTT_5, PUBACK, 1",
        "MQTT_5, PUBACK, 4660",
        "MQTT_5, PUBREC, 65535",
    })
    void successRepliesAreWhatTheEncoderWrites(MqttVersion version, MqttMessageType type, int packetId) {
        ByteBuf ours = Unpooled.buffer();
        try {
            Packets.writeSuccessReply(ours, type, packetId);
            assertEquals(NettyEncoding.hex(version, Packets.pubReply(type, packetId, ReasonCodes.SUCCESS, null)),
                    ByteBufUtil.hexDump(ours));
        } finally {
            ours.release();
        }
    }
}
