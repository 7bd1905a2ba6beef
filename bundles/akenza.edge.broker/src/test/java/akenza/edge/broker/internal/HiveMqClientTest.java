// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.tls.TlsContexts;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * General-purpose mode with the HiveMQ MQTT client, over TCP and TLS: shared subscriptions, overlapping
 * subscriptions, DISCONNECT with will, and {@code LocalDelivery} to an offline persistent session.
 */
class HiveMqClientTest {

    @TempDir
    Path home;

    private MqttServer server;
    private BrokerSettings settings;

    @BeforeEach
    void start() {
        TestSettings s = TestSettings.general();
        s.tlsEnabled = true;
        s.home = home;
        settings = s.build();
        server = new MqttServer(settings, new BrokerServices());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Mqtt5BlockingClient v5(String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(server.tcpPort()).buildBlocking();
        c.connect();
        return c;
    }

    @Test
    void tlsListenerServesMqtt5AndMqtt311WithTheGeneratedCertificate() throws Exception {
        TrustManagerFactory trust = trustGeneratedCertificate();
        Mqtt5BlockingClient sub = MqttClient.builder().useMqttVersion5().identifier("tls-sub")
                .serverHost("127.0.0.1").serverPort(server.tlsPort()).sslConfig().trustManagerFactory(trust)
                .hostnameVerifier((host, session) -> true).applySslConfig().buildBlocking();
        sub.connect();
        List<String> got = new CopyOnWriteArrayList<>();
        sub.toAsync().subscribeWith().topicFilter("secure/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> got.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().join();
        Mqtt3BlockingClient pub = MqttClient.builder().useMqttVersion3().identifier("tls-pub")
                .serverHost("127.0.0.1").serverPort(server.tlsPort()).sslConfig().trustManagerFactory(trust)
                .hostnameVerifier((host, session) -> true).applySslConfig().buildBlocking();
        pub.connect();
        pub.publishWith().topic("secure/1").qos(MqttQos.EXACTLY_ONCE).payload("over tls".getBytes()).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertEquals("over tls", got.get(0));
        pub.disconnect();
        sub.disconnect();
    }

    private TrustManagerFactory trustGeneratedCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(TlsContexts.certificatePath(settings))) {
            store.setCertificateEntry("broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    @Test
    void sharedSubscriptionDeliversEachMessageToOneMemberOfTheGroup() {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient m1 = v5("member-1").toAsync();
        Mqtt5AsyncClient m2 = v5("member-2").toAsync();
        m1.subscribeWith().topicFilter("$share/workers/jobs/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> a.add(p.getTopic().toString())).send().join();
        m2.subscribeWith().topicFilter("$share/workers/jobs/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> b.add(p.getTopic().toString())).send().join();
        Mqtt5BlockingClient pub = v5("boss");
        for (int i = 0; i < 10; i++) {
            pub.publishWith().topic("jobs/" + i).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.size() + b.size() == 10);
        assertTrue(!a.isEmpty() && !b.isEmpty(), "round robin reaches both members: " + a + " " + b);
    }

    @Test
    void overlappingSubscriptionsGiveOneDeliveryAtTheHighestQos() {
        List<Mqtt5Publish> got = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient c = v5("ids").toAsync();
        c.publishes(MqttGlobalPublishFilter.ALL, got::add);
        c.subscribeWith().topicFilter("s/+").userProperties().applyUserProperties().send().join();
        c.subscribeWith().addSubscription().topicFilter("s/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .send().join();
        v5("pub").publishWith().topic("s/1").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertEquals(MqttQos.AT_LEAST_ONCE, got.get(0).getQos(), "one delivery at the highest granted QoS");
    }

    @Test
    void disconnectWithWillMessagePublishesTheWill() {
        List<String> wills = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient watcher = v5("watcher").toAsync();
        watcher.subscribeWith().topicFilter("wills/#").callback(p -> wills.add(p.getTopic().toString())).send()
                .join();
        Mqtt5BlockingClient leaver = MqttClient.builder().useMqttVersion5().identifier("leaver")
                .serverHost("127.0.0.1").serverPort(server.tcpPort()).buildBlocking();
        leaver.connectWith().willPublish().topic("wills/leaver").payload("bye".getBytes()).applyWillPublish().send();
        leaver.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> wills.size() == 1);
        Mqtt5BlockingClient polite = MqttClient.builder().useMqttVersion5().identifier("polite")
                .serverHost("127.0.0.1").serverPort(server.tcpPort()).buildBlocking();
        polite.connectWith().willPublish().topic("wills/polite").payload("bye".getBytes()).applyWillPublish().send();
        polite.disconnect();
        v5("marker").publishWith().topic("wills/marker").payload(new byte[] {1}).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> wills.size() == 2);
        assertEquals(List.of("wills/leaver", "wills/marker"), wills);
    }

    @Test
    void localDeliveryReachesOnlineSubscribersAndQueuesForOfflinePersistentSessions() {
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("dev-9")
                .serverHost("127.0.0.1").serverPort(server.tcpPort()).buildBlocking();
        device.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
        device.subscribeWith().topicFilter("/down/device/id/dev-9/#").qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();
        MessageProperties props = new MessageProperties("application/json", 1,
                List.of(new UserProperty("origin", "akenza")), new byte[] {9}, null, 300L);
        int sessions = server.deliver(new LocalMessage("/down/device/id/dev-9/config",
                "{\"interval\":60}".getBytes(StandardCharsets.UTF_8), 1, false, props));
        assertEquals(1, sessions);
        assertEquals(1L, server.status().counters().get("messages.queued"));

        List<Mqtt5Publish> got = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient back = MqttClient.builder().useMqttVersion5().identifier("dev-9")
                .serverHost("127.0.0.1").serverPort(server.tcpPort()).buildAsync();
        back.publishes(MqttGlobalPublishFilter.ALL, got::add);
        boolean present = back.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join()
                .isSessionPresent();
        assertTrue(present);
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        Mqtt5Publish p = got.get(0);
        assertEquals("/down/device/id/dev-9/config", p.getTopic().toString());
        assertEquals("application/json", p.getContentType().orElseThrow().toString());
        assertEquals("origin", p.getUserProperties().asList().get(0).getName().toString());
        assertEquals(1, server.deliver(new LocalMessage("/down/device/id/dev-9/now", new byte[] {1}, 0, false,
                null)));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertEquals(0, server.deliver(new LocalMessage("nobody/listens", new byte[] {1}, 1, false, null)));
    }

    @Test
    void topicAliasesWorkBothWaysWithARealClient() {
        List<String> got = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient sub = MqttClient.builder().useMqttVersion5().identifier("alias-sub").serverHost("127.0.0.1")
                .serverPort(server.tcpPort()).buildAsync();
        sub.connectWith().restrictions().topicAliasMaximum(4).applyRestrictions().send().join();
        sub.subscribeWith().topicFilter("alias/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> got.add(p.getTopic().toString())).send().join();
        Mqtt5AsyncClient pub = MqttClient.builder().useMqttVersion5().identifier("alias-pub").serverHost("127.0.0.1")
                .serverPort(server.tcpPort()).buildAsync();
        pub.connect().join();
        for (int i = 0; i < 6; i++) {
            pub.publishWith().topic("alias/a/rather/long/topic/" + (i % 2)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {(byte) i}).send().join();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 6);
        for (int i = 0; i < 6; i++) {
            assertEquals("alias/a/rather/long/topic/" + (i % 2), got.get(i));
        }
    }

    @Test
    void manyMessagesArriveCompleteAndInOrderThroughTheInflightWindow() {
        int count = 3000;
        List<Integer> got = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient sub = v5("bulk-sub").toAsync();
        sub.subscribeWith().topicFilter("bulk/#").qos(MqttQos.EXACTLY_ONCE)
                .callback(p -> got.add(ByteBuffer.wrap(p.getPayloadAsBytes()).getInt())).send().join();
        Mqtt5AsyncClient pub = v5("bulk-pub").toAsync();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MqttQos qos = MqttQos.fromCode(i % 3);
            sent.add(pub.publishWith().topic("bulk/" + (i % 7)).qos(qos)
                    .payload(ByteBuffer.allocate(4).putInt(0, i).array()).send());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .join();
        await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == count);
        assertEquals(count, new HashSet<>(got).size(), "every message arrives once");
        // MQTT orders messages per QoS level: the client may send a QoS 0 message ahead of QoS 1/2 messages
        // still waiting for its send quota, so order is checked within each QoS.
        for (int qos = 0; qos < 3; qos++) {
            int q = qos;
            List<Integer> sameQos = got.stream().filter(i -> i % 3 == q).toList();
            for (int k = 1; k < sameQos.size(); k++) {
                assertTrue(sameQos.get(k - 1) < sameQos.get(k), "order from one publisher is kept at QoS " + q);
            }
        }
    }
}
