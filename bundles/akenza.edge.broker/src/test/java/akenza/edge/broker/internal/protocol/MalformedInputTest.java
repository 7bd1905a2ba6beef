// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.disconnectReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input through {@code EmbeddedChannel}: each case closes the connection the spec way (MQTT 5:
 * DISCONNECT with a reason once CONNACK was sent), and the broker keeps serving other clients.
 */
class MalformedInputTest {

    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        TestSettings settings = TestSettings.general();
        settings.maxPacketSize = 1024;
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private EmbeddedBroker.Conn connected(MqttVersion version, String id) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(version, id, true));
        assertEquals(0, connAckCode(c));
        return c;
    }

    /** A v5 PUBLISH QoS 0 with the given raw topic bytes and no properties. */
    private static byte[] rawV5Publish(byte[] topic, int fixedHeaderByte) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int remaining = 2 + topic.length + 1 + 1;
        out.write(fixedHeaderByte);
        out.write(remaining);
        out.write(0);
        out.write(topic.length);
        out.writeBytes(topic);
        out.write(0); // property length
        out.write('p');
        return out.toByteArray();
    }

    /** Proves the broker still routes messages between two fresh clients. */
    private void othersAreStillServed() {
        EmbeddedBroker.Conn sub = connected(MqttVersion.MQTT_3_1_1, "healthy-sub");
        sub.send(Client.subscribe(1, "ok/#", 0));
        ReferenceCountUtil.release(sub.receive());
        EmbeddedBroker.Conn pub = connected(MqttVersion.MQTT_3_1_1, "healthy-pub");
        pub.send(Client.publish("ok/1", 0, 0, "fine"));
        MqttPublishMessage m = (MqttPublishMessage) sub.receive();
        try {
            assertEquals("fine", m.content().toString(StandardCharsets.UTF_8));
        } finally {
            m.release();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void randomBytesBeforeConnectCloseTheConnection(long seed) {
        byte[] noise = new byte[256];
        new Random(seed).nextBytes(noise);
        noise[0] = (byte) 0xF3; // not a CONNECT: type 15 (AUTH) with reserved flags
        EmbeddedBroker.Conn c = broker.open().sendBytes(noise);
        assertFalse(c.isOpen());
        assertNull(c.receive());
        othersAreStillServed();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7, 8, 9})
    void randomBytesAfterConnectNeverBreakTheBroker(long seed) {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "noisy");
        byte[] noise = new byte[512];
        new Random(seed).nextBytes(noise);
        c.sendBytes(noise);
        c.receiveAll().forEach(ReferenceCountUtil::release);
        othersAreStillServed();
    }

    @Test
    void truncatedConnectIsClosedByTheConnectTimeout() {
        // The client id claims 10 bytes and none follow: the decoder waits for them, the connect timeout ends it.
        byte[] bytes = {0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x00, 0x00, 0x0A};
        EmbeddedBroker.Conn c = broker.open().sendBytes(bytes);
        assertNull(c.receive());
        c.broker.advanceTimeBy(11, TimeUnit.SECONDS);
        c.broker.runScheduledPendingTasks();
        assertFalse(c.isOpen());
        othersAreStillServed();
    }

    @Test
    void truncatedPublishLeavesTheConnectionWaitingAndServesNothingFromIt() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_3_1_1, "half");
        c.sendBytes(new byte[] {0x32, 0x20, 0x00, 0x03, 'a', '/', 'b', 0x00});
        assertNull(c.receive());
        assertTrue(c.isOpen(), "a partial packet is not an error yet: keep alive ends a stalled client");
        othersAreStillServed();
    }

    @Test
    void remainingLengthOverFourBytesIsMalformed() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "long");
        c.sendBytes(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        assertEquals(0x81, disconnectReason(c.receive()));
        assertFalse(c.isOpen());
        othersAreStillServed();
    }

    @Test
    void packetOverTheMaximumSizeIsPacketTooLarge() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "big");
        c.send(Client.publish("big/1", 0, 0, "x".repeat(2000)));
        assertEquals(0x95, disconnectReason(c.receive()));
        assertFalse(c.isOpen());
        EmbeddedBroker.Conn v4 = connected(MqttVersion.MQTT_3_1_1, "big4");
        v4.send(Client.publish("big/1", 0, 0, "x".repeat(2000)));
        assertFalse(v4.isOpen());
        assertNull(v4.receive());
        othersAreStillServed();
    }

    @Test
    void invalidUtf8InATopicIsTopicNameInvalid() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "utf");
        c.sendBytes(rawV5Publish(new byte[] {'a', '/', (byte) 0xC3, 0x28}, 0x30));
        assertEquals(0x90, disconnectReason(c.receive()));
        assertFalse(c.isOpen());
        othersAreStillServed();
    }

    @Test
    void wildcardInPublishClosesTheConnection() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "wild");
        c.sendBytes(rawV5Publish("a/+".getBytes(StandardCharsets.UTF_8), 0x30));
        int reason = disconnectReason(c.receive());
        assertTrue(reason == 0x81 || reason == 0x90, "malformed or topic name invalid, was " + reason);
        assertFalse(c.isOpen());
        EmbeddedBroker.Conn v4 = connected(MqttVersion.MQTT_3_1_1, "wild4");
        v4.send(Client.publish("a/#", 0, 0, "x"));
        assertFalse(v4.isOpen());
        othersAreStillServed();
    }

    @Test
    void reservedFlagsAreMalformed() {
        EmbeddedBroker.Conn ping = connected(MqttVersion.MQTT_5, "flags1");
        ping.sendBytes(new byte[] {(byte) 0xC1, 0x00});
        assertEquals(0x81, disconnectReason(ping.receive()));
        EmbeddedBroker.Conn sub = connected(MqttVersion.MQTT_5, "flags2");
        sub.sendBytes(new byte[] {(byte) 0x80, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 'a'});
        assertEquals(0x81, disconnectReason(sub.receive()));
        EmbeddedBroker.Conn qos3 = connected(MqttVersion.MQTT_3_1_1, "flags3");
        qos3.sendBytes(new byte[] {0x36, 0x04, 0x00, 0x01, 'a', 'p'});
        assertFalse(qos3.isOpen());
        MqttMessage none = qos3.receive();
        assertNull(none);
        EmbeddedBroker.Conn connectReserved = broker.open().sendBytes(
                new byte[] {0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x03, 0x00, 0x00, 0x00, 0x01, 'x'});
        assertFalse(connectReserved.isOpen());
        othersAreStillServed();
    }

    @Test
    void unexpectedPacketTypesFromClientsAreProtocolErrors() {
        EmbeddedBroker.Conn c = connected(MqttVersion.MQTT_5, "odd");
        c.sendBytes(new byte[] {(byte) 0xD0, 0x00}); // PINGRESP from a client
        assertEquals(0x82, disconnectReason(c.receive()));
        othersAreStillServed();
    }
}
