// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 3.3.2.3.7: the server forwards every User Property of a PUBLISH unchanged and in order, also when they
 * are the only properties the PUBLISH has, whatever its QoS, for retained messages and for wills.
 */
class UserPropertiesTest {

    private static final List<String> SENT = List.of("a=2", "c=3");

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    /** Only user properties, as a client sends them: one property per pair. */
    private static MqttProperties onlyUserProperties() {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.UserProperty("a", "2"));
        props.add(new MqttProperties.UserProperty("c", "3"));
        return props;
    }

    private static MqttPublishMessage publish(String topic, int qos, int packetId, boolean retain) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos),
                retain, 0), new MqttPublishVariableHeader(topic, packetId, onlyUserProperties()),
                // an empty retained payload would delete the retained message
                retain ? Unpooled.copiedBuffer("kept", StandardCharsets.UTF_8) : Unpooled.EMPTY_BUFFER);
    }

    private EmbeddedBroker.Conn subscriber(String id, String filter) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(MqttVersion.MQTT_5, id, true));
        assertEquals(0, connAckCode(c));
        c.send(Client.subscribe(1, filter, 2));
        return c;
    }

    /** The user properties of the next PUBLISH the connection receives (skipping SUBACKs), as name=value. */
    private static List<String> nextUserProperties(EmbeddedBroker.Conn c) {
        MqttMessage m = c.receive();
        while (m != null && m.fixedHeader().messageType() != MqttMessageType.PUBLISH) {
            ReferenceCountUtil.release(m);
            m = c.receive();
        }
        assertNotNull(m, "expected a PUBLISH");
        MqttPublishMessage p = (MqttPublishMessage) m;
        try {
            List<String> pairs = new ArrayList<>();
            for (MqttProperties.MqttProperty<?> prop : p.variableHeader().properties()
                    .getProperties(MqttPropertyType.USER_PROPERTY.value())) {
                if (prop instanceof UserProperties list) {
                    for (StringPair pair : list.value()) {
                        pairs.add(pair.key + "=" + pair.value);
                    }
                } else {
                    StringPair pair = (StringPair) prop.value();
                    pairs.add(pair.key + "=" + pair.value);
                }
            }
            return pairs;
        } finally {
            p.release();
        }
    }

    @Test
    void userPropertiesAloneReachSubscribersAtEveryQos() {
        EmbeddedBroker.Conn sub = subscriber("sub", "up/#");
        EmbeddedBroker.Conn pub = broker.open().send(Client.connect(MqttVersion.MQTT_5, "pub", true));
        assertEquals(0, connAckCode(pub));
        for (int qos = 0; qos <= 2; qos++) {
            pub.send(publish("up/" + qos, qos, qos, false));
            assertEquals(SENT, nextUserProperties(sub), "QoS " + qos);
        }
    }

    @Test
    void retainedMessageKeepsItsUserProperties() {
        EmbeddedBroker.Conn pub = broker.open().send(Client.connect(MqttVersion.MQTT_5, "pub", true));
        assertEquals(0, connAckCode(pub));
        pub.send(publish("kept/0", 0, 0, true));
        EmbeddedBroker.Conn late = subscriber("late", "kept/+");
        assertEquals(SENT, nextUserProperties(late));
    }

    @Test
    void willWithOnlyUserPropertiesKeepsThem() {
        EmbeddedBroker.Conn watcher = subscriber("watcher", "will/#");
        EmbeddedBroker.Conn dying = broker.open().send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId("dying").cleanSession(true).willFlag(true).willTopic("will/dying")
                .willMessage("bye".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willProperties(onlyUserProperties()).build());
        assertEquals(0, connAckCode(dying));
        dying.broker.close(); // the network connection ends without DISCONNECT
        assertEquals(SENT, nextUserProperties(watcher));
    }
}
