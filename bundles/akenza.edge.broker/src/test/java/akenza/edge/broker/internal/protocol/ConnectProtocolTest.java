// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONNECT handling through {@code EmbeddedChannel}: versions, client ids, refusals, timers, auth ordering. */
class ConnectProtocolTest {

    private EmbeddedBroker broker;

    private EmbeddedBroker broker(TestSettings settings, BrokerServices services) {
        broker = new EmbeddedBroker(settings.build(), services);
        return broker;
    }

    private EmbeddedBroker general() {
        return broker(TestSettings.general(), new BrokerServices());
    }

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    static int connAckCode(EmbeddedBroker.Conn c) {
        MqttMessage m = c.receive();
        assertInstanceOf(MqttConnAckMessage.class, m, "expected CONNACK");
        return ((MqttConnAckMessage) m).variableHeader().connectReturnCode().byteValue() & 0xFF;
    }

    static int disconnectReason(MqttMessage m) {
        assertNotNull(m, "expected a DISCONNECT");
        assertEquals(MqttMessageType.DISCONNECT, m.fixedHeader().messageType());
        return ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode() & 0xFF;
    }

    @Test
    void acceptsAllThreeProtocolVersions() {
        general();
        for (MqttVersion v : MqttVersion.values()) {
            EmbeddedBroker.Conn c = broker.open().send(Client.connect(v, "c-" + v.protocolLevel(), true));
            assertEquals(0, connAckCode(c), "version " + v);
            assertTrue(c.isOpen());
        }
    }

    @Test
    void secondConnectIsAProtocolError() {
        general();
        EmbeddedBroker.Conn v4 = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "a", true));
        assertEquals(0, connAckCode(v4));
        v4.send(Client.connect(MqttVersion.MQTT_3_1_1, "a", true));
        assertFalse(v4.isOpen());

        EmbeddedBroker.Conn v5 = broker.open().send(Client.connect(MqttVersion.MQTT_5, "b", true));
        assertEquals(0, connAckCode(v5));
        v5.send(Client.connect(MqttVersion.MQTT_5, "b", true));
        assertEquals(0x82, disconnectReason(v5.receive()));
        assertFalse(v5.isOpen());
    }

    @Test
    void unsupportedProtocolLevelGetsReturnCode1() {
        general();
        // CONNECT, protocol name "MQTT", level 6.
        byte[] bytes = {0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x00, 0x00, 0x01, 'x'};
        EmbeddedBroker.Conn c = broker.open().sendBytes(bytes);
        assertEquals(0x01, connAckCode(c));
        assertFalse(c.isOpen());
        EmbeddedBroker.Conn wrongName = broker.open().sendBytes(
                new byte[] {0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'X', 'X', 0x04, 0x02, 0x00, 0x00, 0x00, 0x01, 'x'});
        assertEquals(0x01, connAckCode(wrongName));
        assertFalse(wrongName.isOpen());
    }

    @Test
    void clientIdRules() {
        general();
        EmbeddedBroker.Conn persistentNoId = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "", false));
        assertEquals(0x02, connAckCode(persistentNoId));
        assertFalse(persistentNoId.isOpen());

        EmbeddedBroker.Conn cleanNoId = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "", true));
        assertEquals(0, connAckCode(cleanNoId));

        EmbeddedBroker.Conn v5 = broker.open().send(Client.connect(MqttVersion.MQTT_5, "", false));
        MqttConnAckMessage ack = (MqttConnAckMessage) v5.receive();
        assertEquals(0, ack.variableHeader().connectReturnCode().byteValue());
        assertNotNull(ack.variableHeader().properties()
                .getProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value()));

        // MQTT 3.1 ("MQIsdp", level 3) limits client ids to 23 characters; 30 are sent here.
        byte[] id = "a-client-id-longer-than-23-ch!".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(new byte[] {0x10, 44, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x00, 0x00, 30});
        raw.writeBytes(id);
        EmbeddedBroker.Conn v31Long = broker.open().sendBytes(raw.toByteArray());
        assertEquals(0x02, connAckCode(v31Long));
        assertFalse(v31Long.isOpen());
    }

    @Test
    void everyoneIsRefusedWithoutAnyApplicableAuthentication() {
        TestSettings settings = TestSettings.general();
        settings.anonymousAllowed = false;
        broker(settings, new BrokerServices());
        EmbeddedBroker.Conn v4 = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "a", true));
        assertEquals(0x05, connAckCode(v4));
        EmbeddedBroker.Conn v3 = broker.open().send(Client.connect(MqttVersion.MQTT_3_1, "a", true));
        assertEquals(0x05, connAckCode(v3));
        EmbeddedBroker.Conn v5 = broker.open().send(Client.connect(MqttVersion.MQTT_5, "a", true));
        assertEquals(0x87, connAckCode(v5));
        EmbeddedBroker.Conn badPassword = broker.open().send(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_5).clientId("x").username("nodered")
                .password("nope".getBytes(StandardCharsets.UTF_8)).build());
        assertEquals(0x86, connAckCode(badPassword));
        assertEquals(3, broker.core.metrics().get("connections.refused.not_authorized"));
        assertEquals(1, broker.core.metrics().get("connections.refused.bad_credentials"));
    }

    @Test
    void firstPacketMustBeConnect() {
        general();
        EmbeddedBroker.Conn c = broker.open().send(Client.pingReq());
        assertFalse(c.isOpen());
        assertNull(c.receive());
    }

    @Test
    void socketWithoutConnectIsClosedAfterTheConnectTimeout() {
        TestSettings settings = TestSettings.general();
        settings.connectTimeoutSeconds = 2;
        broker(settings, new BrokerServices());
        EmbeddedBroker.Conn c = broker.open();
        c.broker.advanceTimeBy(1, TimeUnit.SECONDS);
        c.broker.runScheduledPendingTasks();
        assertTrue(c.isOpen());
        c.broker.advanceTimeBy(2, TimeUnit.SECONDS);
        c.broker.runScheduledPendingTasks();
        assertFalse(c.isOpen());
        assertEquals(1, broker.core.metrics().get("connections.refused.connect_timeout"));
    }

    @Test
    void silentClientIsClosedAfterOneAndAHalfKeepAlives() {
        general();
        EmbeddedBroker.Conn c = broker.open().send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId("sleepy").keepAlive(1).build());
        assertEquals(0, connAckCode(c));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            c.broker.runScheduledPendingTasks();
            return !c.isOpen();
        });
        assertEquals(0x8D, disconnectReason(c.receive()));
    }

    @Test
    void packetsArrivingDuringAuthenticationWaitForTheResult() {
        CompletableFuture<AuthResult> decision = new CompletableFuture<>();
        BrokerServices services = new BrokerServices();
        services.authenticator(request -> decision);
        TestSettings settings = TestSettings.general();
        settings.anonymousAllowed = false;
        broker(settings, services);
        EmbeddedBroker.Conn c = broker.open();
        c.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("dev")
                .username("dev").password("token".getBytes(StandardCharsets.UTF_8)).build());
        c.send(Client.subscribe(1, "echo/#", 1));
        c.send(Client.publish("echo/1", 1, 2, "hello"));
        assertNull(c.receive(), "nothing is answered before the authenticator decides");
        decision.complete(AuthResult.accepted(DeviceIdentity.anonymous("dev")));
        List<MqttMessage> out = c.receiveAll();
        try {
            assertEquals(List.of(MqttMessageType.CONNACK, MqttMessageType.SUBACK, MqttMessageType.PUBACK,
                    MqttMessageType.PUBLISH), out.stream().map(m -> m.fixedHeader().messageType()).toList());
            assertEquals("echo/1", ((MqttPublishMessage) out.get(3)).variableHeader().topicName());
        } finally {
            out.forEach(ReferenceCountUtil::release);
        }
    }

    @Test
    void takeoverOfAv5SessionSendsSessionTakenOver() {
        general();
        EmbeddedBroker.Conn first = broker.open().send(Client.connect(MqttVersion.MQTT_5, "twin", true));
        assertEquals(0, connAckCode(first));
        EmbeddedBroker.Conn second = broker.open().send(Client.connect(MqttVersion.MQTT_5, "twin", false));
        assertEquals(0, connAckCode(second));
        first.broker.runPendingTasks();
        assertEquals(0x8E, disconnectReason(first.receive()));
        assertFalse(first.isOpen());
        assertTrue(second.isOpen());
    }

    @Test
    void enhancedAuthenticationIsRefused() {
        general();
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttPropertyType.AUTHENTICATION_METHOD.value(), "SCRAM"));
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(MqttVersion.MQTT_5, "scram", true, props));
        assertEquals(0x8C, connAckCode(c));
    }

    @Test
    void connectionLimitRefusesWithServerUnavailableOrQuotaExceeded() {
        TestSettings settings = TestSettings.general();
        settings.maxConnections = 1;
        broker(settings, new BrokerServices());
        EmbeddedBroker.Conn ok = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "one", true));
        assertEquals(0, connAckCode(ok));
        EmbeddedBroker.Conn v4 = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "two", true));
        assertEquals(0x03, connAckCode(v4));
        EmbeddedBroker.Conn v5 = broker.open().send(Client.connect(MqttVersion.MQTT_5, "three", true));
        assertEquals(0x97, connAckCode(v5));
    }
}
