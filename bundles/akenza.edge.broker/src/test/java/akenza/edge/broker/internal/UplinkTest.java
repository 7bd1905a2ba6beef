// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices authenticated by a {@code DeviceAuthenticator}, authorized by a {@code LocalTopicPolicy}, publishing uplinks
 * that are acknowledged only when the {@code UplinkSink} holds them. HiveMQ MQTT client, MQTT 5 and 3.1.1.
 */
class UplinkTest {

    private static final String UP = "/up/device/id/";

    private RunningBroker broker;
    private final TestDevices.Authenticator authenticator = new TestDevices.Authenticator();
    private final TestDevices.Sink sink = new TestDevices.Sink();
    private final TestDevices.Listener listener = new TestDevices.Listener();
    private final AtomicReference<Throwable> lastDisconnect = new AtomicReference<>();

    @BeforeEach
    void start() {
        BrokerServices services = new BrokerServices();
        services.authenticator(authenticator);
        services.topicPolicy(new TestDevices.Policy());
        services.uplinkSink(sink);
        services.sessionListeners().add(listener);
        TestSettings settings = TestSettings.general();
        settings.anonymousAllowed = false;
        settings.maxInflight = 4;
        broker = new RunningBroker(settings.build(), services);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Mqtt5AsyncClient v5(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).addDisconnectedListener(ctx -> lastDisconnect.set(ctx.getCause()))
                .buildAsync();
    }

    private Mqtt3AsyncClient v3(String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).addDisconnectedListener(ctx -> lastDisconnect.set(ctx.getCause()))
                .buildAsync();
    }

    private static Mqtt5AsyncClient connect(Mqtt5AsyncClient c, String password) throws Exception {
        c.connectWith().simpleAuth().username("device").password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        return c;
    }

    /** HiveMQ's client fails the future when the acknowledgement carries an error code. */
    private static Object reasonOf(CompletableFuture<Mqtt5PublishResult> future) throws Exception {
        try {
            Mqtt5PublishResult r = future.get(5, TimeUnit.SECONDS);
            return r instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2 ? q2.getPubRec().getReasonCode()
                    : ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck().getReasonCode();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt5PubAckException ack) {
                return ack.getMqttMessage().getReasonCode();
            }
            if (e.getCause() instanceof Mqtt5PubRecException rec) {
                return rec.getMqttMessage().getReasonCode();
            }
            throw e;
        }
    }

    @Test
    void qos1UplinkIsAcknowledgedOnlyAfterTheSinkHoldsIt() throws Exception {
        Mqtt5AsyncClient dev = connect(v5("dev-1"), "good");
        CompletableFuture<Mqtt5PublishResult> ack = dev.publishWith().topic(UP + "dev-1/alerts/critical")
                .qos(MqttQos.AT_LEAST_ONCE).payload("{\"t\":21}".getBytes(StandardCharsets.UTF_8))
                .contentType("application/json").payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .userProperties().add("source", "test").applyUserProperties()
                .correlationData(new byte[] {7}).responseTopic("/down/device/id/dev-1/reply")
                .messageExpiryInterval(120).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.uplinks.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !ack.isDone());
        Uplink uplink = sink.uplinks.get(0);
        assertEquals("dev-1", uplink.deviceId());
        assertEquals(List.of("alerts", "critical"), uplink.levels());
        assertEquals("alerts_critical", uplink.akenzaTopic());
        assertEquals(1, uplink.qos());
        assertEquals("application/json", uplink.properties().contentType());
        assertEquals(1, uplink.properties().payloadFormatIndicator());
        assertEquals("source", uplink.properties().userProperties().get(0).name());
        assertEquals("/down/device/id/dev-1/reply", uplink.properties().responseTopic());
        assertEquals(120L, uplink.properties().messageExpirySeconds());
        sink.completeAll();
        Mqtt5PublishResult result = ack.get(5, TimeUnit.SECONDS);
        assertFalse(result.getError().isPresent());
        assertEquals(List.of("+dev-1:JWT"), listener.events);
    }

    @Test
    void refusedUplinkGetsQuotaExceededInMqtt5() throws Exception {
        Mqtt5AsyncClient dev = connect(v5("dev-2"), "good");
        CompletableFuture<Mqtt5PublishResult> first = dev.publishWith().topic(UP + "dev-2").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {1}).send();
        CompletableFuture<Mqtt5PublishResult> second = dev.publishWith().topic(UP + "dev-2/x")
                .qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {2}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.uplinks.size() == 2);
        sink.refuse(0, UplinkRefusedException.Reason.QUOTA_EXCEEDED);
        sink.refuse(1, UplinkRefusedException.Reason.QUOTA_EXCEEDED);
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, reasonOf(first));
        assertEquals(Mqtt5PubRecReasonCode.QUOTA_EXCEEDED, reasonOf(second));
        assertEquals(2, broker.counter("uplinks.refused"));
    }

    @Test
    void uplinkTheSinkCannotStoreNowIsLeftUnacknowledgedWithServerBusy() throws Exception {
        Mqtt5AsyncClient dev = connect(v5("dev-2b"), "good");
        CompletableFuture<Mqtt5PublishResult> ack = dev.publishWith().topic(UP + "dev-2b").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.uplinks.size() == 1);
        sink.refuse(0, UplinkRefusedException.Reason.UNAVAILABLE);
        // A negative PUBACK would end the message for the device: DISCONNECT 0x89 leaves it to be sent again.
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDisconnect.get() != null);
        Mqtt5DisconnectException d = assertInstanceOf(Mqtt5DisconnectException.class, lastDisconnect.get());
        assertEquals(Mqtt5DisconnectReasonCode.SERVER_BUSY, d.getMqttMessage().getReasonCode());
        assertFalse(ack.isDone() && !ack.isCompletedExceptionally(), "no positive acknowledgement");
    }

    @Test
    void refusedUplinkClosesAnMqtt311ConnectionWithoutAcknowledging() throws Exception {
        Mqtt3AsyncClient dev = v3("dev-3");
        dev.connectWith().simpleAuth().username("device").password("good".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        CompletableFuture<?> ack = dev.publishWith().topic(UP + "dev-3").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.uplinks.size() == 1);
        sink.refuse(0, UplinkRefusedException.Reason.QUOTA_EXCEEDED);
        await().atMost(Duration.ofSeconds(5)).until(() -> !dev.getState().isConnected());
        assertFalse(ack.isDone() && !ack.isCompletedExceptionally(), "no PUBACK for a refused uplink");
    }

    @Test
    void deviceCannotPublishOrSubscribeOutsideItsTopics() throws Exception {
        Mqtt5AsyncClient dev = connect(v5("dev-4"), "good");
        assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, reasonOf(dev.publishWith().topic(UP + "other-device")
                .qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> dev.subscribeWith()
                .topicFilter("/down/device/id/other/#").callback(p -> { }).send().get(5, TimeUnit.SECONDS));
        Mqtt5SubAckException subAck = assertInstanceOf(Mqtt5SubAckException.class, e.getCause());
        assertEquals(List.of(Mqtt5SubAckReasonCode.NOT_AUTHORIZED), subAck.getMqttMessage().getReasonCodes());
        dev.subscribeWith().topicFilter("/down/device/id/dev-4/#").callback(p -> { }).send().get(5, TimeUnit.SECONDS);
        assertEquals(0, sink.uplinks.size());
        assertEquals(2, broker.counter("refused.publish") + broker.counter("refused.subscribe"));
    }

    @Test
    void wrongCredentialsAreRefusedWithTheAuthenticatorsReason() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connect(v5("dev-5"), "bad"));
        Mqtt5ConnAckException refused = assertInstanceOf(Mqtt5ConnAckException.class, e.getCause());
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refused.getMqttMessage().getReasonCode());
        assertEquals(1, broker.counter("connections.refused.bad_credentials"));
    }

    @Test
    void anonymousClientsAreRefusedWhenNotAllowed() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> v5("anon").connect().get(5, TimeUnit.SECONDS));
        Mqtt5ConnAckException refused = assertInstanceOf(Mqtt5ConnAckException.class, e.getCause());
        // The test authenticator refuses an empty password; without an authenticator it would be 0x87.
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refused.getMqttMessage().getReasonCode());
    }

    @Test
    void expiredCredentialDisconnectsWithMaximumConnectTime() throws Exception {
        connect(v5("dev-6"), "short");
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDisconnect.get() != null);
        Mqtt5DisconnectException d = assertInstanceOf(Mqtt5DisconnectException.class, lastDisconnect.get());
        assertEquals(Mqtt5DisconnectReasonCode.MAXIMUM_CONNECT_TIME, d.getMqttMessage().getReasonCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("-dev-6:JWT"));
    }

    @Test
    void slowSinkStopsReadingFromTheConnectionAndEverythingArrivesLater() throws Exception {
        Mqtt3AsyncClient dev = v3("dev-7");
        dev.connectWith().simpleAuth().username("device").password("good".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        byte[] big = new byte[64 * 1024];
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            acks.add(dev.publishWith().topic(UP + "dev-7/n" + i).qos(MqttQos.AT_LEAST_ONCE).payload(big).send());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.uplinks.size() >= 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.uplinks.size() < 12);
        sink.autoComplete = true;
        sink.completeAll();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(12, sink.uplinks.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("n" + i, sink.uplinks.get(i).akenzaTopic(), "uplinks keep the device's order");
        }
    }

    @Test
    void withoutSinkUplinksAreDeliveredLocallyAndAcknowledgedOnlyWhenConfigured() throws Exception {
        broker.services.uplinkSink(null);
        broker.services.uplinksWithoutForwarder(true);
        Mqtt5AsyncClient app = MqttClient.builder().useMqttVersion5().identifier("app").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        app.connectWith().simpleAuth().username("nodered").password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        List<String> seen = new CopyOnWriteArrayList<>();
        app.subscribeWith().topicFilter("/up/#").callback(p -> seen.add(p.getTopic().toString())).send()
                .get(5, TimeUnit.SECONDS);
        Mqtt5AsyncClient dev = connect(v5("dev-8"), "good");
        dev.publishWith().topic(UP + "dev-8/t").qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {1}).send()
                .get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        assertEquals(1, broker.counter("uplinks.local_only"));
    }

    @Test
    void withoutSinkAnUplinkIsNeverAcknowledgedEvenWithLocalSubscribers() throws Exception {
        broker.services.uplinkSink(null);
        Mqtt5AsyncClient app = MqttClient.builder().useMqttVersion5().identifier("app-2").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        app.connectWith().simpleAuth().username("nodered").password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        app.subscribeWith().topicFilter("/up/#").callback(p -> { }).send().get(5, TimeUnit.SECONDS);
        Mqtt5AsyncClient dev = connect(v5("dev-9"), "good");
        CompletableFuture<Mqtt5PublishResult> ack = dev.publishWith().topic(UP + "dev-9/t").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDisconnect.get() != null);
        Mqtt5DisconnectException d = assertInstanceOf(Mqtt5DisconnectException.class, lastDisconnect.get());
        assertEquals(Mqtt5DisconnectReasonCode.SERVER_BUSY, d.getMqttMessage().getReasonCode());
        assertFalse(ack.isDone() && !ack.isCompletedExceptionally(), "no positive acknowledgement");
        assertEquals(1, broker.counter("uplinks.no_sink"));
        assertEquals(0, broker.counter("uplinks.local_only"));

        Mqtt3AsyncClient dev3 = v3("dev-10");
        lastDisconnect.set(null);
        dev3.connectWith().simpleAuth().username("device").password("good".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        CompletableFuture<?> ack3 = dev3.publishWith().topic(UP + "dev-10").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDisconnect.get() != null);
        assertFalse(ack3.isDone() && !ack3.isCompletedExceptionally(), "MQTT 3.1.1: closed, not acknowledged");
    }

    @Test
    void localApplicationMessagesCanBecomeUplinksThroughThePolicy() throws Exception {
        sink.autoComplete = true;
        Mqtt5AsyncClient app = MqttClient.builder().useMqttVersion5().identifier("bridge").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        app.connectWith().simpleAuth().username("nodered").password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(5, TimeUnit.SECONDS);
        app.publishWith().topic("tele/legacy-1/SENSOR").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                .get(5, TimeUnit.SECONDS);
        app.publishWith().topic("plain/local").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                .get(5, TimeUnit.SECONDS);
        assertEquals(1, sink.uplinks.size());
        assertEquals("legacy-1", sink.uplinks.get(0).deviceId());
        assertTrue(listener.events.contains("+bridge:" + AuthMethod.LOCAL_APPLICATION));
    }
}
