// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Topics starting with {@code $} (MQTT 4.7.2): clients may publish to them when the access rules allow it (the
 * general-purpose {@code allow all #} does, except for the server's own {@code $SYS} topics), and a subscription
 * whose filter starts with a wildcard never receives them, while one naming the {@code $} level does.
 */
class DollarTopicsTest {

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private EmbeddedBroker.Conn connect(MqttVersion version, String id) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(version, id, true));
        assertEquals(0, connAckCode(c));
        return c;
    }

    private EmbeddedBroker.Conn subscriber(String id, String filter) {
        EmbeddedBroker.Conn c = connect(MqttVersion.MQTT_3_1_1, id);
        c.send(Client.subscribe(1, filter, 1));
        MqttMessage subAck = c.receive();
        try {
            assertEquals(MqttMessageType.SUBACK, subAck.fixedHeader().messageType());
            assertEquals(1, ((MqttSubAckMessage) subAck).payload()
                    .reasonCodes().get(0), "granted " + filter);
        } finally {
            ReferenceCountUtil.release(subAck);
        }
        return c;
    }

    @Test
    void qos1PublishToADollarTopicIsAcknowledgedButNotDeliveredToLeadingWildcards() {
        EmbeddedBroker.Conn everything = subscriber("everything", "#");
        EmbeddedBroker.Conn twoLevels = subscriber("two-levels", "+/+");
        EmbeddedBroker.Conn named = subscriber("named", "$TopicA/+");

        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "publisher");
        pub.send(Client.publish("$TopicA/B", 1, 9, "x"));
        MqttMessage ack = pub.receive();
        try {
            assertEquals(MqttMessageType.PUBACK, ack == null ? null : ack.fixedHeader().messageType(),
                    "the QoS 1 PUBLISH is acknowledged");
            assertEquals(9, ((MqttMessageIdVariableHeader) ack.variableHeader())
                    .messageId());
        } finally {
            ReferenceCountUtil.release(ack);
        }
        assertTrue(pub.isOpen());

        assertNull(everything.receive(), "# does not match a topic starting with $");
        assertNull(twoLevels.receive(), "+/+ does not match a topic starting with $");
        MqttPublishMessage delivered = (MqttPublishMessage) named.receive();
        try {
            assertEquals("$TopicA/B", delivered.variableHeader().topicName());
        } finally {
            delivered.release();
        }
    }

    @Test
    void theServersOwnSysTopicsStayClosedToClientsUnlessARuleNamesThem() {
        EmbeddedBroker.Conn v5 = connect(MqttVersion.MQTT_5, "v5");
        v5.send(Client.publish("$SYS/broker/uptime", 1, 3, "forged"));
        MqttMessage ack = v5.receive();
        try {
            assertEquals(MqttMessageType.PUBACK, ack.fixedHeader().messageType());
            assertEquals(0x87, ((MqttPubReplyMessageVariableHeader) ack.variableHeader()).reasonCode() & 0xFF);
        } finally {
            ReferenceCountUtil.release(ack);
        }

        EmbeddedBroker.Conn v311 = connect(MqttVersion.MQTT_3_1_1, "v311");
        v311.send(Client.publish("$SYS/broker/uptime", 1, 4, "forged"));
        assertFalse(v311.isOpen(), "MQTT 3.1.1 cannot refuse a PUBLISH: the connection is closed");
    }
}
