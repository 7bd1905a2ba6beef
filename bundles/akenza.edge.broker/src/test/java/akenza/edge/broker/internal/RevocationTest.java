// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revoking a device's credentials reaches its live connection (issue 11, hole 7): the authenticator tells
 * the broker through the api's RevocationListener, the broker sends DISCONNECT 0x87 at once, and the next
 * CONNECT meets the authenticator's refusal. Real sockets, HiveMQ MQTT 5 client.
 */
class RevocationTest {

    private RunningBroker broker;
    private final TestDevices.Authenticator authenticator = new TestDevices.Authenticator();

    @BeforeEach
    void start() {
        BrokerServices services = new BrokerServices();
        services.authenticator(authenticator);
        services.topicPolicy(new TestDevices.Policy());
        broker = new RunningBroker(TestSettings.general().build(), services);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Mqtt5AsyncClient device(String id, AtomicReference<Throwable> cause) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(broker.port())
                .addDisconnectedListener(ctx -> cause.set(ctx.getCause())).buildAsync();
    }

    private static void connect(Mqtt5AsyncClient c) throws Exception {
        c.connectWith().simpleAuth().username("device").password("good".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
    }

    @Test
    void revokingADeviceClosesItsLiveConnectionAndRefusesItsNextConnect() throws Exception {
        AtomicReference<Throwable> revokedCause = new AtomicReference<>();
        AtomicReference<Throwable> otherCause = new AtomicReference<>();
        Mqtt5AsyncClient revoked = device("dev-r", revokedCause);
        Mqtt5AsyncClient other = device("dev-o", otherCause);
        connect(revoked);
        connect(other);
        assertEquals(1, authenticator.revocationListeners.size(), "the broker listens to its authenticator");

        authenticator.revoke("dev-r");

        await().atMost(Duration.ofSeconds(5)).until(() -> revokedCause.get() != null);
        Mqtt5DisconnectException disconnect = assertInstanceOf(Mqtt5DisconnectException.class, revokedCause.get());
        assertEquals(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED, disconnect.getMqttMessage().getReasonCode());
        assertEquals(1, broker.counter("connections.revoked"));
        assertTrue(other.getState().isConnected(), "other devices stay connected");

        ExecutionException e = assertThrows(ExecutionException.class, () -> connect(device("dev-r", revokedCause)));
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED,
                assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode());
        other.disconnect();
    }
}
