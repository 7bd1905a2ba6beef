// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our PUBLISH encoding against Netty's MQTT codec: what we write, Netty's decoder reads back as the same message
 * (topic, packet identifier, flags, every property, payload), several packets in one buffer; at MQTT 3.1.1 the
 * bytes equal Netty's encoder's.
 */
class PublishEncoderTest {

    private static final MessageProperties ALL = new MessageProperties("application/json", 1,
            List.of(new UserProperty("a", "1"), new UserProperty("ü", "ß"), new UserProperty("a", "2")),
            new byte[] {1, 2, 3}, "/down/x/y", 300L);

    /** A decoder that has seen a CONNECT of this version, so it reads what follows in that version. */
    private static EmbeddedChannel decoder(MqttVersion version) {
        EmbeddedChannel enc = new EmbeddedChannel(MqttEncoder.INSTANCE);
        enc.writeOutbound(MqttMessageBuilders.connect().clientId("c").protocolVersion(version).build());
        EmbeddedChannel dec = new EmbeddedChannel(new MqttDecoder(1 << 20));
        dec.writeInbound((ByteBuf) enc.readOutbound());
        dec.readInbound();
        return dec;
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31);
        }
        return p;
    }

    @Test
    void nettyReadsBackEveryFieldAndPropertyOfSeveralPacketsInOneBuffer() {
        List<OutgoingMessage> messages = List.of(
                new OutgoingMessage("/up/secret/dev-1/a", payload(100), 1, false, ALL),
                new OutgoingMessage("/up/s/ü/b", payload(0), 2, true, MessageProperties.NONE),
                new OutgoingMessage("/up/s/d/c", payload(20_000), 1, false,
                        MessageProperties.NONE.withMessageExpirySeconds(0xFFFF_FFFFL + 5)));
        for (MqttVersion version : List.of(MqttVersion.MQTT_5, MqttVersion.MQTT_3_1_1)) {
            boolean mqtt5 = version == MqttVersion.MQTT_5;
            ByteBuf out = Unpooled.buffer(16);
            int id = 65_530;
            for (OutgoingMessage m : messages) {
                PublishEncoder.encode(out, m, id++, mqtt5);
            }
            EmbeddedChannel dec = decoder(version);
            dec.writeInbound(out);
            id = 65_530;
            for (OutgoingMessage m : messages) {
                MqttPublishMessage got = dec.readInbound();
                assertEquals(m.topic(), got.variableHeader().topicName(), version + " " + m.topic());
                assertEquals(id++, got.variableHeader().packetId());
                assertEquals(m.qos(), got.fixedHeader().qosLevel().value());
                assertEquals(m.retain(), got.fixedHeader().isRetain());
                assertArrayEquals(m.payload(), ByteBufUtil.getBytes(got.payload()));
                MessageProperties expected = !mqtt5 ? MessageProperties.NONE
                        : m.properties().messageExpirySeconds() != null && m.properties().messageExpirySeconds()
                                > 0xFFFF_FFFFL ? m.properties().withMessageExpirySeconds(0xFFFF_FFFFL) : m.properties();
                assertEquals(expected, NettyProperties.fromNetty(got.variableHeader().properties()));
                got.release();
            }
            Object rest = dec.readInbound();
            assertNull(rest, "nothing more in the buffer");
        }
    }

    @Test
    void mqtt311BytesEqualNettysEncoder() {
        OutgoingMessage m = new OutgoingMessage("/up/s/dev/t", "{\"t\":1}".getBytes(StandardCharsets.UTF_8), 1, true,
                MessageProperties.NONE);
        ByteBuf ours = Unpooled.buffer();
        PublishEncoder.encode(ours, m, 7, false);
        EmbeddedChannel enc = new EmbeddedChannel(MqttEncoder.INSTANCE);
        enc.writeOutbound(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false,
                MqttQoS.AT_LEAST_ONCE, true, 0), new MqttPublishVariableHeader(m.topic(), 7,
                MqttProperties.NO_PROPERTIES), Unpooled.wrappedBuffer(m.payload())));
        ByteBuf netty = enc.readOutbound();
        assertArrayEquals(ByteBufUtil.getBytes(netty), ByteBufUtil.getBytes(ours));
    }
}
