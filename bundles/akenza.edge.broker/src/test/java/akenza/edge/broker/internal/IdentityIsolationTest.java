// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions belong to the identity that created them (issue 11, hole 1): a client id of a JWT device is that
 * device's alone, and no other identity resumes, cleans or takes over a session, whatever client id it sends.
 * Real sockets, HiveMQ MQTT client, MQTT 5 and 3.1.1.
 */
class IdentityIsolationTest {

    private RunningBroker broker;
    private final List<Object> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        BrokerServices services = new BrokerServices();
        services.authenticator(new TestDevices.Authenticator());
        services.topicPolicy(new TestDevices.Policy());
        TestDevices.Sink sink = new TestDevices.Sink();
        sink.autoComplete = true;
        services.uplinkSink(sink);
        broker = new RunningBroker(TestSettings.general().build(), services);
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

    private Mqtt3AsyncClient v3(String id) {
        Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        clients.add(c);
        return c;
    }

    private static Mqtt5ConnAck persistent(Mqtt5AsyncClient c, String user, String password) throws Exception {
        return c.connectWith().cleanStart(false).sessionExpiryInterval(300).simpleAuth().username(user)
                .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(5, TimeUnit.SECONDS);
    }

    private static Mqtt3ConnAck persistent(Mqtt3AsyncClient c, String user, String password) throws Exception {
        return c.connectWith().cleanSession(false).simpleAuth().username(user)
                .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(5, TimeUnit.SECONDS);
    }

    private static Mqtt5ConnAckReasonCode refusal(Mqtt5AsyncClient c, String user, String password) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> persistent(c, user, password));
        return assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode();
    }

    @Test
    void aConnectorCannotUseAJwtDevicesClientIdNorReceiveItsDownlinks() throws Exception {
        Mqtt5AsyncClient device = v5("jwt-a");
        persistent(device, "device", "good");
        List<String> received = new CopyOnWriteArrayList<>();
        device.subscribeWith().topicFilter("/down/device/id/jwt-a/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);

        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                refusal(v5("jwt-a"), "c1", "connector:c1"));
        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID, refusal(v5("jwt-a"), "nodered", "s3cret"));

        assertTrue(device.getState().isConnected(), "the device's connection is untouched");
        Mqtt5AsyncClient app = v5("app");
        app.connectWith().simpleAuth().username("nodered").password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        app.publishWith().topic("/down/device/id/jwt-a/cmd").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                .get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("/down/device/id/jwt-a/cmd"));
        assertEquals(0, broker.counter("connections.taken_over"));
    }

    @Test
    void aSecondConnectorCannotResumeTheFirstConnectorsSession() throws Exception {
        Mqtt3AsyncClient first = v3("shared-id");
        assertFalse(persistent(first, "c1", "connector:c1").isSessionPresent());
        first.subscribeWith().topicFilter("/down/device/id/c1/#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> { })
                .send().get(5, TimeUnit.SECONDS);
        first.disconnect().get(5, TimeUnit.SECONDS);

        Mqtt3AsyncClient second = v3("shared-id");
        ExecutionException e = assertThrows(ExecutionException.class, () -> persistent(second, "c2", "connector:c2"));
        assertEquals(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED,
                assertInstanceOf(Mqtt3ConnAckException.class, e.getCause()).getMqttMessage().getReturnCode());

        // Nor may it clean the session away: the first connector still finds it.
        Mqtt3AsyncClient cleaner = v3("shared-id");
        ExecutionException clean = assertThrows(ExecutionException.class,
                () -> cleaner.connectWith().cleanSession(true).simpleAuth().username("c2")
                        .password("connector:c2".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send()
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(Mqtt3ConnAckException.class, clean.getCause());

        Mqtt3AsyncClient back = v3("shared-id");
        assertTrue(persistent(back, "c1", "connector:c1").isSessionPresent());
    }

    @Test
    void aLocalApplicationCannotTakeOverAnotherIdentitysLiveConnection() throws Exception {
        Mqtt5AsyncClient anonymous = v5("anon-1");
        anonymous.connectWith().cleanStart(false).sessionExpiryInterval(300).send().get(5, TimeUnit.SECONDS);
        List<String> received = new CopyOnWriteArrayList<>();
        anonymous.subscribeWith().topicFilter("test/x").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);

        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID, refusal(v5("anon-1"), "nodered", "s3cret"));

        assertTrue(anonymous.getState().isConnected());
        anonymous.publishWith().topic("test/x").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                .get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("test/x"));
        assertEquals(0, broker.counter("connections.taken_over"));
    }

    @Test
    void theSameIdentityStillTakesItsSessionOver() throws Exception {
        Mqtt5AsyncClient first = v5("jwt-b");
        persistent(first, "device", "good");
        Mqtt5AsyncClient second = v5("jwt-b");
        assertTrue(persistent(second, "device", "good").isSessionPresent());
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.getState().isConnected());
        assertEquals(1, broker.counter("connections.taken_over"));
    }
}
