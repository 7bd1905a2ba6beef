// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The acknowledgements the broker writes itself are byte for byte what Netty's encoder writes. */
class PacketsTest {

    /** Netty keeps the negotiated MQTT version in this channel attribute; its encoder writes reason codes for 5. */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private static String encodedByNetty(MqttVersion version, MqttMessageType type, int packetId) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(version);
        channel.writeOutbound(Packets.pubReply(type, packetId, ReasonCodes.SUCCESS, null));
        StringBuilder hex = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            hex.append(ByteBufUtil.hexDump(b));
            b.release();
        }
        channel.finishAndReleaseAll();
        return hex.toString();
    }

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
            assertEquals(encodedByNetty(version, type, packetId), ByteBufUtil.hexDump(ours));
        } finally {
            ours.release();
        }
    }
}
