// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 3.1.2.25: a client's Maximum Packet Size bounds the whole PUBLISH the broker sends it. A message whose
 * packet fits, to the byte, is delivered; one that does not is discarded for that client only, and other
 * subscribers still get it.
 */
class MaximumPacketSizeTest {

    private static final int MAXIMUM = 64;

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private EmbeddedBroker.Conn subscriber(String id, MqttProperties props) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(MqttVersion.MQTT_5, id, true, props));
        assertEquals(0, connAckCode(c));
        c.send(Client.subscribe(1, "m/#", 1));
        ReferenceCountUtil.release(c.receive()); // SUBACK
        return c;
    }

    /** Payload sizes of the PUBLISHes received so far, acknowledging QoS 1 ones. */
    private static List<Integer> payloads(EmbeddedBroker.Conn c) {
        List<Integer> sizes = new ArrayList<>();
        for (MqttMessage m : c.receiveAll()) {
            if (m instanceof MqttPublishMessage p) {
                sizes.add(p.content().readableBytes());
                if (p.fixedHeader().qosLevel().value() == 1) {
                    c.send(Client.ack(MqttMessageType.PUBACK, p.variableHeader().packetId()));
                }
            }
            ReferenceCountUtil.release(m);
        }
        return sizes;
    }

    @Test
    void packetsUpToTheClientsMaximumArriveLargerOnesAreDroppedForItAlone() {
        MqttProperties small = new MqttProperties();
        small.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), MAXIMUM));
        EmbeddedBroker.Conn limited = subscriber("limited", small);
        EmbeddedBroker.Conn unlimited = subscriber("unlimited", MqttProperties.NO_PROPERTIES);
        EmbeddedBroker.Conn pub = broker.open().send(Client.connect(MqttVersion.MQTT_5, "pub", true));
        assertEquals(0, connAckCode(pub));

        // QoS 0 PUBLISH on "m/a" without properties: 1 (type) + 1 (remaining length) + 2 + 3 (topic)
        // + 1 (property length) + payload = 8 + payload bytes.
        pub.send(Client.publish("m/a", 0, 0, "x".repeat(32)));
        pub.send(Client.publish("m/a", 0, 0, "x".repeat(MAXIMUM - 8)));
        pub.send(Client.publish("m/a", 0, 0, "x".repeat(MAXIMUM - 8 + 1)));
        // QoS 1 adds the packet identifier: 10 + payload bytes.
        pub.send(Client.publish("m/a", 1, 1, "x".repeat(MAXIMUM - 10)));
        pub.send(Client.publish("m/a", 1, 2, "x".repeat(MAXIMUM - 10 + 1)));
        pub.send(Client.publish("m/a", 1, 3, "x".repeat(MAXIMUM - 10)));

        assertEquals(List.of(32, 56, 54, 54), payloads(limited));
        assertEquals(List.of(32, 56, 57, 54, 55, 54), payloads(unlimited));
        assertEquals(2, broker.core.metrics().get("dropped.too_large_for_client"));
    }
}
