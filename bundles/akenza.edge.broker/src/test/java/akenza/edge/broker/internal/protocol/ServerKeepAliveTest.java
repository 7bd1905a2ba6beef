// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.RunningBroker;
import akenza.edge.broker.internal.TestSettings;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code max.keep.alive}: MQTT 5 clients asking for no keep alive or a longer one get Server Keep Alive in
 * CONNACK and are held to it; MQTT 3.1.1 clients keep their own value.
 */
class ServerKeepAliveTest {

    private EmbeddedBroker broker;

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private EmbeddedBroker broker(int maxKeepAlive) {
        TestSettings settings = TestSettings.general();
        settings.maxKeepAliveSeconds = maxKeepAlive;
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
        return broker;
    }

    private static MqttMessage connect(MqttVersion version, String id, int keepAlive) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(id).cleanSession(true)
                .keepAlive(keepAlive).build();
    }

    /** @return the Server Keep Alive of the CONNACK, {@code null} when absent */
    private static Integer serverKeepAlive(EmbeddedBroker.Conn c) {
        MqttMessage m = c.receive();
        try {
            MqttConnAckMessage ack = assertInstanceOf(MqttConnAckMessage.class, m, "expected CONNACK");
            assertEquals(0, ack.variableHeader().connectReturnCode().byteValue());
            MqttProperties.MqttProperty<?> p = ack.variableHeader().properties()
                    .getProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value());
            return p == null ? null : (Integer) p.value();
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    /** @return the silence the broker tolerates in milliseconds, 0 when there is no keep alive handler */
    private static long enforcedMillis(EmbeddedBroker.Conn c) {
        IdleStateHandler idle = c.broker.pipeline().get(IdleStateHandler.class);
        return idle == null ? 0 : idle.getReaderIdleTimeInMillis();
    }

    @Test
    void v5ClientWithoutKeepAliveIsGivenTheMaximum() {
        broker(1);
        EmbeddedBroker.Conn c = broker.open().send(connect(MqttVersion.MQTT_5, "none", 0));
        assertEquals(1, serverKeepAlive(c));
        assertEquals(1500, enforcedMillis(c));
    }

    @Test
    void v5ClientAskingForMoreIsGivenTheMaximum() {
        broker(10);
        EmbeddedBroker.Conn c = broker.open().send(connect(MqttVersion.MQTT_5, "long", 600));
        assertEquals(10, serverKeepAlive(c));
        assertEquals(15_000, enforcedMillis(c));
    }

    @Test
    void v5ClientWithinTheMaximumKeepsItsValueWithoutServerKeepAlive() {
        broker(10);
        EmbeddedBroker.Conn c = broker.open().send(connect(MqttVersion.MQTT_5, "short", 4));
        assertNull(serverKeepAlive(c));
        assertEquals(6000, enforcedMillis(c));
        EmbeddedBroker.Conn exact = broker.open().send(connect(MqttVersion.MQTT_5, "exact", 10));
        assertNull(serverKeepAlive(exact));
        assertEquals(15_000, enforcedMillis(exact));
    }

    @Test
    void withoutMaximumTheClientsValueIsAccepted() {
        broker(0);
        EmbeddedBroker.Conn none = broker.open().send(connect(MqttVersion.MQTT_5, "none", 0));
        assertNull(serverKeepAlive(none));
        assertEquals(0, enforcedMillis(none));
        EmbeddedBroker.Conn hour = broker.open().send(connect(MqttVersion.MQTT_5, "hour", 3600));
        assertNull(serverKeepAlive(hour));
        assertEquals(5_400_000, enforcedMillis(hour));
    }

    @Test
    void mqtt311AndMqtt31ClientsKeepTheirOwnValue() {
        broker(1);
        EmbeddedBroker.Conn none = broker.open().send(connect(MqttVersion.MQTT_3_1_1, "none", 0));
        assertNull(serverKeepAlive(none));
        assertEquals(0, enforcedMillis(none), "3.1.1 cannot be told a keep alive: none is enforced");
        EmbeddedBroker.Conn minute = broker.open().send(connect(MqttVersion.MQTT_3_1_1, "minute", 60));
        assertNull(serverKeepAlive(minute));
        assertEquals(90_000, enforcedMillis(minute));
        EmbeddedBroker.Conn old = broker.open().send(connect(MqttVersion.MQTT_3_1, "old", 60));
        assertNull(serverKeepAlive(old));
        assertEquals(90_000, enforcedMillis(old));
    }

    @Test
    void ruleInOneTable() {
        assertEquals(5, ConnectFlow.keepAlive(true, 0, 5));
        assertEquals(5, ConnectFlow.keepAlive(true, 6, 5));
        assertEquals(5, ConnectFlow.keepAlive(true, 5, 5));
        assertEquals(1, ConnectFlow.keepAlive(true, 1, 5));
        assertEquals(0, ConnectFlow.keepAlive(true, 0, 0));
        assertEquals(65_535, ConnectFlow.keepAlive(true, 65_535, 0));
        assertEquals(0, ConnectFlow.keepAlive(false, 0, 5));
        assertEquals(60, ConnectFlow.keepAlive(false, 60, 5));
    }

    /** A real socket that sends CONNECT without keep alive and then nothing: closed after 1.5 s, not 1 s. */
    @Test
    void silentV5ClientIsClosedAfterOneAndAHalfServerKeepAlives() throws Exception {
        TestSettings settings = TestSettings.general();
        settings.maxKeepAliveSeconds = 1;
        EmbeddedChannel codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder());
        try (RunningBroker running = new RunningBroker(settings); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 5000);
            socket.setSoTimeout(5000); // the deadline of every read below
            codec.writeOutbound(connect(MqttVersion.MQTT_5, "silent", 0)); // also tells the decoder: MQTT 5
            ByteBuf encoded = codec.readOutbound();
            socket.getOutputStream().write(ByteBufUtil.getBytes(encoded));
            encoded.release();

            InputStream in = socket.getInputStream();
            MqttMessage connAck = readPacket(in, codec);
            long connAckAt = System.nanoTime();
            MqttConnAckMessage ack = assertInstanceOf(MqttConnAckMessage.class, connAck);
            assertEquals(0, ack.variableHeader().connectReturnCode().byteValue());
            assertEquals(1, ack.variableHeader().properties()
                    .getProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value()).value());

            MqttMessage disconnect = readPacket(in, codec);
            assertNotNull(disconnect, "the broker says why before it closes");
            assertEquals(MqttMessageType.DISCONNECT, disconnect.fixedHeader().messageType());
            assertEquals(0x8D, ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader())
                    .reasonCode() & 0xFF, "Keep Alive timeout");
            assertEquals(-1, in.read(), "closed after the DISCONNECT");
            long silentMillis = Duration.ofNanos(System.nanoTime() - connAckAt).toMillis();
            // The idle timer starts as CONNACK leaves the broker, a moment before it arrives here.
            assertTrue(silentMillis >= 1400, "closed after " + silentMillis + " ms: 1.5 x 1 s is enforced");
            assertTrue(silentMillis < 4000, "closed after " + silentMillis + " ms");
            assertEquals(1, running.counter("connections.keepalive_timeout"));
        } finally {
            codec.finishAndReleaseAll();
        }
    }

    /** Reads bytes until the codec decodes one packet; {@code null} at end of stream. Reads time out. */
    private static MqttMessage readPacket(InputStream in, EmbeddedChannel codec) throws Exception {
        MqttMessage decoded = codec.readInbound();
        byte[] buffer = new byte[256];
        while (decoded == null) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("nothing from the broker within the deadline", e);
            }
            if (n < 0) {
                return null;
            }
            codec.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
            decoded = codec.readInbound();
        }
        return decoded;
    }

    /** The HiveMQ client reads Server Keep Alive, pings at that pace and so stays connected. */
    @Test
    void hiveMqClientAdoptsTheServerKeepAliveAndStaysConnected() {
        TestSettings settings = TestSettings.general();
        settings.maxKeepAliveSeconds = 1;
        try (RunningBroker running = new RunningBroker(settings)) {
            Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("hive-ka")
                    .serverHost("127.0.0.1").serverPort(running.port()).buildBlocking();
            Mqtt5ConnAck ack = client.connectWith().keepAlive(60).send();
            assertEquals(OptionalInt.of(1), ack.getServerKeepAlive());
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.getState().isConnected());
            assertEquals(0, running.counter("connections.keepalive_timeout"));
            client.disconnect();
        }
    }
}
