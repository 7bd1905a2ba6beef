// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/** What Netty's own encoder writes for a packet: the reference for the packets the broker encodes itself. */
final class NettyEncoding {

    /** Netty keeps the negotiated MQTT version in this channel attribute; its encoder writes reason codes for 5. */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private NettyEncoding() {
    }

    /**
     * @param version the connection's MQTT version
     * @param message the packet (released by the encoder)
     * @return its encoding, in hex
     */
    static String hex(MqttVersion version, MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(version);
        channel.writeOutbound(message);
        StringBuilder hex = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            hex.append(ByteBufUtil.hexDump(b));
            b.release();
        }
        channel.finishAndReleaseAll();
        return hex.toString();
    }
}
