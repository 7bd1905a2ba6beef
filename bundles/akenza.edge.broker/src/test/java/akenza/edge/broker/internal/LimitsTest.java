// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akenza.edge.broker.internal.config.ResourceLimits;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The configurable bounds of issue 11 (holes 8 and 9): persistent sessions in total and per identity, retained
 * messages in count and bytes in total and per identity, and the CONNECT size before authentication. Real
 * sockets, HiveMQ MQTT client.
 */
class LimitsTest {

    private RunningBroker broker;
    private final List<Object> clients = new CopyOnWriteArrayList<>();

    private void start(ResourceLimits limits) {
        TestSettings settings = TestSettings.general();
        settings.limits = limits;
        settings.connectTimeoutSeconds = 60;
        broker = new RunningBroker(settings);
    }

    @AfterEach
    void stop() {
        for (Object c : clients) {
            if (c instanceof Mqtt5AsyncClient v5) {
                v5.disconnect();
            } else if (c instanceof Mqtt3AsyncClient v3) {
                v3.disconnect();
            }
        }
        broker.close();
    }

    private Mqtt5AsyncClient v5(String id) {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        clients.add(c);
        return c;
    }

    private static void persistent(Mqtt5AsyncClient c, String user) throws Exception {
        var connect = c.connectWith().cleanStart(false).sessionExpiryInterval(600);
        if (user != null) {
            connect.simpleAuth().username(user).password("s3cret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        connect.send().get(5, TimeUnit.SECONDS);
    }

    private static Mqtt5ConnAckReasonCode refusal(Mqtt5AsyncClient c, String user) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> persistent(c, user));
        return assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode();
    }

    @Test
    void persistentSessionsAreBoundedInTotalAndPerIdentity() throws Exception {
        start(new ResourceLimits(65_536, 3, 2, 100, 1_000_000, 100, 1_000_000));
        persistent(v5("app-1"), "nodered");
        persistent(v5("app-2"), "nodered");
        assertEquals(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED, refusal(v5("app-3"), "nodered"), "per identity");
        persistent(v5("anon-1"), null);
        assertEquals(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED, refusal(v5("anon-2"), null), "in total");
        Mqtt3AsyncClient v3 = MqttClient.builder().useMqttVersion3().identifier("anon-3").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        clients.add(v3);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> v3.connectWith().cleanSession(false).send().get(5, TimeUnit.SECONDS));
        assertEquals(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE,
                assertInstanceOf(Mqtt3ConnAckException.class, e.getCause()).getMqttMessage().getReturnCode());
        // Sessions that end with their connection are not limited; an existing session is resumed.
        v5("clean").connect().get(5, TimeUnit.SECONDS);
        persistent(v5("app-1"), "nodered");
        assertEquals(3, broker.counter("sessions.persistent"));
        assertEquals(3, broker.counter("connections.refused.session_quota"));
    }

    @Test
    void retainedMessagesAreBoundedInCountAndBytesInTotalAndPerIdentity() throws Exception {
        start(new ResourceLimits(65_536, 100, 100, 3, 1_000_000, 2, 1_000));
        Mqtt5AsyncClient app = v5("app");
        app.connectWith().simpleAuth().username("nodered").password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        Mqtt5AsyncClient anon = v5("anon");
        anon.connect().get(5, TimeUnit.SECONDS);
        for (String topic : List.of("r/1", "r/2", "r/3")) {
            retain(app, topic, 10);
        }
        retain(app, "r/1", 20); // replacing its own message is within its quota
        retain(anon, "r/big", 1_001); // over the per-identity bytes
        retain(anon, "r/4", 10);
        Mqtt5AsyncClient other = v5("anon-other");
        other.connect().get(5, TimeUnit.SECONDS);
        retain(other, "r/5", 10); // over the total count

        Set<String> received = ConcurrentHashMap.newKeySet();
        Mqtt5AsyncClient subscriber = v5("sub");
        subscriber.connect().get(5, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter("r/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertEquals(Set.of("r/1", "r/2", "r/4"), received);
        assertEquals(3, broker.counter("messages.retained"));
        assertEquals(40, broker.counter("messages.retained.bytes"));
        assertEquals(3, broker.counter("dropped.retained_quota"));
    }

    private static void retain(Mqtt5AsyncClient c, String topic, int size) throws Exception {
        c.publishWith().topic(topic).retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[size]).send()
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLargeConnectIsRefusedFromItsFixedHeaderWithoutWaitingForIt() throws Exception {
        start(ResourceLimits.defaults());
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            // CONNECT announcing 16 MiB; nothing of it follows. The codec alone would wait for all of it.
            out.write(new byte[] {0x10, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "closed at once");
        }
        assertEquals(1, broker.counter("connections.refused.connect_too_large"));
    }
}
