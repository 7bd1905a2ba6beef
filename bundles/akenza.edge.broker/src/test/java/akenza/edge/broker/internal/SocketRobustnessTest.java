// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage on real sockets: each bad connection is closed (MQTT 5 with a DISCONNECT reason) while a well-behaved
 * client on the same broker keeps publishing and receiving; stopping the broker tells MQTT 5 clients why.
 */
class SocketRobustnessTest {

    private RunningBroker broker;

    @BeforeEach
    void start() {
        TestSettings settings = TestSettings.general();
        settings.maxPacketSize = 4096;
        broker = new RunningBroker(settings);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** CONNECT, MQTT 5, clean start, client id "raw", no properties. */
    private static final byte[] CONNECT_V5 = {0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
        0x00, 0x00, 0x03, 'r', 'a', 'w'};

    private static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        int length = data.readUnsignedByte(); // short packets only
        byte[] body = new byte[length];
        data.readFully(body);
        byte[] all = new byte[length + 1];
        all[0] = (byte) type;
        System.arraycopy(body, 0, all, 1, length);
        return all;
    }

    @Test
    void garbageConnectionsCloseWhileAHealthyClientIsServed() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient healthy = MqttClient.builder().useMqttVersion5().identifier("healthy")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        healthy.connect().join();
        healthy.subscribeWith().topicFilter("alive/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(p.getTopic().toString())).send().join();
        Random random = new Random(99);
        for (int round = 0; round < 20; round++) {
            try (Socket s = new Socket("127.0.0.1", broker.port())) {
                s.setSoTimeout(5000);
                byte[] noise = new byte[1 + random.nextInt(2000)];
                random.nextBytes(noise);
                noise[0] = (byte) (0x20 + random.nextInt(0xD0)); // anything but a CONNECT
                s.getOutputStream().write(noise);
                assertEquals(-1, s.getInputStream().read(), "the broker closes a connection that starts with garbage");
            }
            healthy.publishWith().topic("alive/" + round).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                    .join();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 20);
        assertTrue(broker.counter("packets.malformed") + broker.counter("connections.refused.protocol_error") >= 20);
    }

    @Test
    void mqtt5ConnectionGetsMalformedPacketDisconnect() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(CONNECT_V5);
            byte[] connAck = readPacket(s.getInputStream());
            assertEquals(0x20, connAck[0] & 0xFF);
            assertEquals(0, connAck[2], "accepted");
            out.write(new byte[] {(byte) 0xC3, 0x00}); // PINGREQ with reserved flags set
            byte[] disconnect = readPacket(s.getInputStream());
            assertEquals(0xE0, disconnect[0] & 0xFF);
            assertEquals(0x81, disconnect[1] & 0xFF);
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void oversizedPacketOverASocketIsPacketTooLarge() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(CONNECT_V5);
            readPacket(s.getInputStream());
            // PUBLISH with remaining length 100000 (> 4096) announced; the body never needs to arrive.
            out.write(new byte[] {0x30, (byte) 0xA0, (byte) 0x8D, 0x06, 0x00, 0x01, 'a', 0x00});
            byte[] disconnect = readPacket(s.getInputStream());
            assertArrayEquals(new byte[] {(byte) 0xE0}, new byte[] {disconnect[0]});
            assertEquals(0x95, disconnect[1] & 0xFF);
        }
    }

    @Test
    void stoppingTheBrokerTellsMqtt5ClientsItIsShuttingDown() {
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("until-the-end")
                .serverHost("127.0.0.1").serverPort(broker.port())
                .addDisconnectedListener(ctx -> causes.add(ctx.getCause())).buildBlocking();
        c.connect();
        broker.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !causes.isEmpty());
        assertTrue(causes.get(0) instanceof Mqtt5DisconnectException d
                && d.getMqttMessage().getReasonCode() == Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN,
                String.valueOf(causes.get(0)));
    }
}
