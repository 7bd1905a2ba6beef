// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.disconnectReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE / UNSUBSCRIBE codes through {@code EmbeddedChannel}, and v5 Request Problem Information. */
class SubscribeProtocolTest {

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        TestSettings settings = TestSettings.general();
        settings.acl = "deny publish locked/#\n" + TestSettings.GENERAL_ACL;
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private EmbeddedBroker.Conn connect(MqttVersion v, String id, MqttProperties props) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(v, id, true, props));
        assertEquals(0, connAckCode(c));
        return c;
    }

    private static List<Integer> subAckCodes(EmbeddedBroker.Conn c) {
        MqttSubAckMessage m = (MqttSubAckMessage) c.receive();
        return m.payload().reasonCodes();
    }

    @Test
    void subackCodesPerFilterInBothVersions() {
        for (MqttVersion v : List.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)) {
            EmbeddedBroker.Conn c = connect(v, "s" + v.protocolLevel(), MqttProperties.NO_PROPERTIES);
            c.send(MqttMessageBuilders.subscribe().messageId(3).addSubscription(MqttQoS.EXACTLY_ONCE, "ok/#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "test/nosubscribe")
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "bad/#/x")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/g/ok/+").build());
            List<Integer> codes = subAckCodes(c);
            if (v == MqttVersion.MQTT_5) {
                assertEquals(List.of(2, 0x87, 0x8F, 1), codes);
            } else {
                assertEquals(List.of(2, 0x80, 0x80, 1), codes);
            }
        }
    }

    @Test
    void unsubscribeReportsWhatExisted() {
        EmbeddedBroker.Conn c = connect(MqttVersion.MQTT_5, "u", MqttProperties.NO_PROPERTIES);
        c.send(Client.subscribe(1, "x/#", 1));
        ReferenceCountUtil.release(c.receive());
        c.send(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter("x/#").addTopicFilter("never").build());
        MqttUnsubAckMessage ack = (MqttUnsubAckMessage) c.receive();
        assertEquals(List.of((short) 0, (short) 0x11), ack.payload().unsubscribeReasonCodes());
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "p", MqttProperties.NO_PROPERTIES);
        pub.send(Client.publish("x/1", 0, 0, "gone"));
        assertNull(c.receive(), "no delivery after UNSUBSCRIBE");

        EmbeddedBroker.Conn v4 = connect(MqttVersion.MQTT_3_1_1, "u4", MqttProperties.NO_PROPERTIES);
        v4.send(MqttMessageBuilders.unsubscribe().messageId(9).addTopicFilter("x/#").build());
        MqttMessage ack4 = v4.receive();
        assertEquals(MqttMessageType.UNSUBACK, ack4.fixedHeader().messageType());
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        EmbeddedBroker.Conn c = connect(MqttVersion.MQTT_5, "nl", MqttProperties.NO_PROPERTIES);
        c.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription("$share/g/a",
                new MqttSubscriptionOption(MqttQoS.AT_LEAST_ONCE, true, false,
                        MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE)).build());
        assertEquals(0x82, disconnectReason(c.receive()));
    }

    @Test
    void reasonStringsAreLeftOutWhenTheClientAsksForNoProblemInformation() {
        MqttProperties quiet = new MqttProperties();
        quiet.add(new IntegerProperty(MqttPropertyType.REQUEST_PROBLEM_INFORMATION.value(), 0));
        for (MqttProperties props : List.of(MqttProperties.NO_PROPERTIES, quiet)) {
            EmbeddedBroker.Conn c = connect(MqttVersion.MQTT_5, "rpi" + props.isEmpty(), props);
            c.send(Client.publish("locked/1", 1, 5, "x"));
            MqttMessage ack = c.receive();
            MqttPubReplyMessageVariableHeader vh = (MqttPubReplyMessageVariableHeader) ack.variableHeader();
            assertEquals(0x87, vh.reasonCode() & 0xFF);
            boolean hasReason = vh.properties().getProperty(MqttPropertyType.REASON_STRING.value()) != null;
            assertEquals(props.isEmpty(), hasReason);
        }
    }
}
