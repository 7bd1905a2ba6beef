// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/** Builds client packets for the embedded protocol tests. */
final class Client {

    private Client() {
    }

    static MqttConnectMessage connect(MqttVersion version, String clientId, boolean clean) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).cleanSession(clean)
                .keepAlive(0).build();
    }

    static MqttConnectMessage connect(MqttVersion version, String clientId, boolean clean, MqttProperties props) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).cleanSession(clean)
                .keepAlive(0).properties(props).build();
    }

    static MqttPublishMessage publish(String topic, int qos, int packetId, String payload) {
        return publish(topic, qos, packetId, payload, MqttProperties.NO_PROPERTIES, false);
    }

    static MqttPublishMessage publish(String topic, int qos, int packetId, String payload, MqttProperties props,
            boolean dup) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, props),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    static MqttMessage subscribe(int packetId, String filter, int qos) {
        return MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter)
                .build();
    }

    static MqttMessage ack(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static MqttMessage pingReq() {
        return MqttMessage.PINGREQ;
    }
}
