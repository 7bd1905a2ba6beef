// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a gateway the credentials and forwarder components may activate a moment after the broker. A device
 * reconnecting then must be told to retry, and its uplink must not be acknowledged while nothing can store
 * it; after the grace period a broker without those services behaves as a plain broker.
 */
class StartupGraceTest {

    private RunningBroker broker;
    private final AtomicReference<Throwable> lastDisconnect = new AtomicReference<>();

    @AfterEach
    void stop() {
        broker.close();
    }

    private RunningBroker start(BrokerServices services) {
        TestSettings settings = TestSettings.general();
        settings.anonymousAllowed = false;
        broker = new RunningBroker(settings.build(), services);
        return broker;
    }

    private Mqtt5AsyncClient v5(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).addDisconnectedListener(ctx -> lastDisconnect.set(ctx.getCause()))
                .buildAsync();
    }

    private static CompletableFuture<?> connect(Mqtt5AsyncClient c) {
        return c.connectWith().simpleAuth().username("device").password("good".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
    }

    private static Mqtt5ConnAckReasonCode refusal(CompletableFuture<?> connect) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode();
    }

    @Test
    void withoutAuthenticatorWhileStartingDevicesAreToldToRetry() {
        BrokerServices services = new BrokerServices();
        services.startGrace(Duration.ofMinutes(5));
        start(services);
        assertEquals(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE, refusal(connect(v5("dev-1"))));
    }

    @Test
    void withoutAuthenticatorAfterStartingDevicesAreNotAuthorized() {
        start(new BrokerServices());
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, refusal(connect(v5("dev-1"))));
    }

    @Test
    void anUplinkIsNotAcknowledgedWhileTheSinkIsStarting() throws Exception {
        BrokerServices services = new BrokerServices();
        services.authenticator(new TestDevices.Authenticator());
        services.topicPolicy(new TestDevices.Policy());
        services.startGrace(Duration.ofMinutes(5));
        start(services);
        Mqtt5AsyncClient dev = v5("dev-1");
        connect(dev).get(5, TimeUnit.SECONDS);
        CompletableFuture<Mqtt5PublishResult> ack = dev.publishWith().topic("/up/device/id/dev-1")
                .qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
        // Closed without a PUBACK: the device keeps the message and sends it again after reconnecting.
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDisconnect.get() != null);
        assertFalse(ack.isDone() && !ack.isCompletedExceptionally(), "no positive acknowledgement");
        assertEquals(1L, broker.counter("uplinks.no_sink"));

        TestDevices.Sink sink = new TestDevices.Sink();
        sink.autoComplete = true;
        services.uplinkSink(sink);
        Mqtt5AsyncClient again = v5("dev-1b");
        connect(again).get(5, TimeUnit.SECONDS);
        again.publishWith().topic("/up/device/id/dev-1b").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send()
                .get(5, TimeUnit.SECONDS);
        assertEquals(1, sink.uplinks.size(), "once the sink is bound the uplink is stored and acknowledged");
    }
}
