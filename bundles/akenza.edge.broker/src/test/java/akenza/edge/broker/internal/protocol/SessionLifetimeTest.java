// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session expiry and will delay timers (real time, short intervals). */
class SessionLifetimeTest {

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        TestSettings settings = TestSettings.general();
        settings.maxSessionExpirySeconds = 2;
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static MqttProperties expiry(int seconds) {
        MqttProperties p = new MqttProperties();
        p.add(new IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), seconds));
        return p;
    }

    @Test
    void sessionExpiresAfterItsIntervalCappedByTheBroker() {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(MqttVersion.MQTT_5, "short-lived", true,
                expiry(3600)));
        MqttConnAckMessage ack = (MqttConnAckMessage) c
                .receive();
        assertEquals(2, ack.variableHeader().properties()
                .getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value()).value(), "capped at the maximum");
        c.broker.close();
        assertNotNull(broker.core.sessions().get("short-lived"));
        // The timer discards the session, then counts it: wait for both.
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.core.sessions().get("short-lived") == null
                && broker.core.metrics().get("sessions.expired") == 1);

        EmbeddedBroker.Conn clean = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "clean", true));
        assertEquals(0, connAckCode(clean));
        clean.broker.close();
        assertNull(broker.core.sessions().get("clean"), "a clean 3.1.1 session ends with its connection");
    }

    @Test
    void delayedWillIsPublishedWhenTheClientStaysAway() {
        EmbeddedBroker.Conn watcher = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "watcher", true));
        assertEquals(0, connAckCode(watcher));
        watcher.send(Client.subscribe(1, "will/#", 1));
        ReferenceCountUtil.release(watcher.receive());

        MqttProperties willProps = new MqttProperties();
        willProps.add(new IntegerProperty(MqttPropertyType.WILL_DELAY_INTERVAL.value(), 1));
        EmbeddedBroker.Conn c = broker.open().send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId("gone").cleanSession(true).properties(expiry(60)).willFlag(true).willTopic("will/gone")
                .willMessage("bye".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willProperties(willProps).build());
        assertEquals(0, connAckCode(c));
        c.broker.close();
        assertNull(watcher.receive(), "not before the delay");
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.core.metrics().get("wills.published") == 1);
        MqttPublishMessage will = (MqttPublishMessage) watcher.receive();
        try {
            assertEquals("will/gone", will.variableHeader().topicName());
        } finally {
            will.release();
        }
    }

    /** Connects a watcher of will/#, then a client with a delayed will that loses its connection. */
    private EmbeddedBroker.Conn watchWillOf(String clientId, int willDelay, int sessionExpiry) {
        EmbeddedBroker.Conn watcher = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "watcher", true));
        assertEquals(0, connAckCode(watcher));
        watcher.send(Client.subscribe(1, "will/#", 1));
        ReferenceCountUtil.release(watcher.receive());
        MqttProperties willProps = new MqttProperties();
        willProps.add(new IntegerProperty(MqttPropertyType.WILL_DELAY_INTERVAL.value(), willDelay));
        EmbeddedBroker.Conn c = broker.open().send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId(clientId).cleanSession(true).properties(expiry(sessionExpiry)).willFlag(true)
                .willTopic("will/" + clientId).willMessage("bye".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE).willProperties(willProps).build());
        assertEquals(0, connAckCode(c));
        c.broker.close(); // the network connection ends without DISCONNECT
        return watcher;
    }

    @Test
    void delayedWillIsPublishedWhenTheSessionEndsBeforeTheDelay() {
        // MQTT 5 3.1.3.2.2: the will is published when the delay passes or the session ends, whichever is first.
        EmbeddedBroker.Conn watcher = watchWillOf("ending", 3600, 3600);
        assertNull(watcher.receive(), "neither the delay nor the session is over");
        // What the expiry timer does when the session expiry interval has passed:
        assertEquals(true, broker.core.sessions().discardIfOffline(broker.core.sessions().get("ending")));
        MqttPublishMessage will = (MqttPublishMessage) watcher.receive();
        assertNotNull(will, "the session ended: its will is published now");
        try {
            assertEquals("will/ending", will.variableHeader().topicName());
        } finally {
            will.release();
        }
    }

    @Test
    void willDueWhenTheSessionExpiresIsPublishedOnce() {
        EmbeddedBroker.Conn watcher = watchWillOf("both", 1, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.core.metrics().get("sessions.expired") == 1
                && broker.core.metrics().get("wills.published") >= 1);
        // The will timer and the session expiry fire together; whichever runs first takes the will.
        assertEquals(1, broker.core.metrics().get("wills.published"));
        MqttPublishMessage will = (MqttPublishMessage) watcher.receive();
        try {
            assertEquals("will/both", will.variableHeader().topicName());
        } finally {
            will.release();
        }
        assertNull(watcher.receive(), "published once");
    }
}
