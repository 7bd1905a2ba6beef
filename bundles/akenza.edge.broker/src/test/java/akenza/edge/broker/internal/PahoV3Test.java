// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQTT 3.1.1 and 3.1 against the broker in general-purpose mode, with Eclipse Paho mqttv3. */
class PahoV3Test {

    private RunningBroker broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    /** Collects messages a client receives. */
    static final class Inbox implements MqttCallback {
        final List<String> topics = new CopyOnWriteArrayList<>();
        final List<MqttMessage> messages = new CopyOnWriteArrayList<>();
        volatile boolean lost;

        @Override
        public void connectionLost(Throwable cause) {
            lost = true;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
            messages.add(message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        String payload(int i) {
            return new String(messages.get(i).getPayload(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestSettings.general());
    }

    @AfterEach
    void stop() throws MqttException {
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                c.disconnectForcibly(100, 100);
            }
            c.close(true);
        }
        broker.close();
    }

    private MqttClient client(String id) throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        clients.add(c);
        return c;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setAutomaticReconnect(false);
        return o;
    }

    @Test
    void publishAndSubscribeAllQosLevels() throws Exception {
        MqttClient sub = client("sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true));
        int[] granted = sub.subscribeWithResponse(new String[] {"a/+", "b/#", "c/c"}, new int[] {0, 1, 2})
                .getGrantedQos();
        assertArrayEquals(new int[] {0, 1, 2}, granted);
        MqttClient pub = client("pub");
        pub.connect(options(true));
        pub.publish("a/x", "zero".getBytes(StandardCharsets.UTF_8), 0, false);
        pub.publish("b/y/z", "one".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.publish("c/c", "two".getBytes(StandardCharsets.UTF_8), 2, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 3);
        assertEquals(List.of("a/x", "b/y/z", "c/c"), inbox.topics);
        assertEquals(0, inbox.messages.get(0).getQos());
        assertEquals(1, inbox.messages.get(1).getQos());
        assertEquals(2, inbox.messages.get(2).getQos());
        assertEquals("two", inbox.payload(2));
    }

    @Test
    void deniedSubscriptionGetsFailureCodeAndTheRestIsServed() throws Exception {
        MqttClient sub = client("sub");
        sub.connect(options(true));
        int[] granted = sub.subscribeWithResponse(new String[] {"test/nosubscribe", "test/ok"}, new int[] {1, 1})
                .getGrantedQos();
        assertEquals(0x80, granted[0]);
        assertEquals(1, granted[1]);
        assertTrue(broker.counter("refused.subscribe") >= 1);
    }

    @Test
    void retainedMessageIsDeliveredOnSubscribeAndClearedByEmptyPayload() throws Exception {
        MqttClient pub = client("pub");
        pub.connect(options(true));
        pub.publish("r/1", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient sub = client("sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true));
        sub.subscribe("r/#", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertTrue(inbox.messages.get(0).isRetained());
        assertEquals("kept", inbox.payload(0));
        pub.publish("r/1", new byte[0], 1, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 2);
        MqttClient late = client("late");
        Inbox lateInbox = new Inbox();
        late.setCallback(lateInbox);
        late.connect(options(true));
        late.subscribe("r/#", 1);
        pub.publish("r/marker", "m".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> lateInbox.messages.size() == 1);
        assertEquals("r/marker", lateInbox.topics.get(0));
    }

    @Test
    void willIsSentOnAbnormalCloseButNotAfterDisconnect() throws Exception {
        MqttClient watcher = client("watcher");
        Inbox inbox = new Inbox();
        watcher.setCallback(inbox);
        watcher.connect(options(true));
        watcher.subscribe("will/#", 1);

        MqttClient polite = client("polite");
        MqttConnectOptions o = options(true);
        o.setWill("will/polite", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        polite.connect(o);
        polite.disconnect();

        MqttClient rude = client("rude");
        MqttConnectOptions r = options(true);
        r.setWill("will/rude", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        rude.connect(r);
        // Takeover by the same client id closes the first connection abnormally: its will goes out.
        MqttClient thief = client("rude");
        thief.connect(options(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertEquals("will/rude", inbox.topics.get(0));
        assertTrue(broker.counter("connections.taken_over") >= 1);
    }

    @Test
    void persistentSessionQueuesWhileOfflineAndReceivesOnReturn() throws Exception {
        MqttClient sub = client("durable");
        sub.connect(options(false));
        sub.subscribe("q/#", 1);
        sub.disconnect();
        MqttClient pub = client("pub");
        pub.connect(options(true));
        for (int i = 0; i < 5; i++) {
            pub.publish("q/" + i, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.counter("messages.queued") == 5);
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(false));
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 5);
        for (int i = 0; i < 5; i++) {
            assertEquals("m" + i, inbox.payload(i));
        }
    }

    @Test
    void localAccountNeedsTheRightPassword() throws Exception {
        MqttClient ok = client("app");
        MqttConnectOptions o = options(true);
        o.setUserName("nodered");
        o.setPassword("s3cret".toCharArray());
        ok.connect(o);
        assertTrue(ok.isConnected());

        MqttClient bad = client("app2");
        o.setPassword("wrong".toCharArray());
        MqttException e = assertThrows(MqttException.class, () -> bad.connect(o));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.getReasonCode());

        MqttClient unknown = client("app3");
        o.setUserName("stranger");
        MqttException e2 = assertThrows(MqttException.class, () -> unknown.connect(o));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e2.getReasonCode());
        assertTrue(broker.counter("connections.refused.bad_credentials") >= 1);
    }

    @Test
    void mqtt31ClientIsServed() throws Exception {
        MqttClient c = client("old-client");
        MqttConnectOptions o = options(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        Inbox inbox = new Inbox();
        c.setCallback(inbox);
        c.connect(o);
        c.subscribe("old/t", 2);
        c.publish("old/t", "x".getBytes(StandardCharsets.UTF_8), 2, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertFalse(inbox.lost);
    }

    @Test
    void dollarTopicsAreNotMatchedByLeadingWildcards() throws Exception {
        MqttClient c = client("dollar");
        Inbox inbox = new Inbox();
        c.setCallback(inbox);
        c.connect(options(true));
        c.subscribe("+/+", 2);
        c.subscribe("#", 2);
        // The ACL's "allow all #" does not cover $ topics either, so the server itself publishes them here.
        broker.server.deliver(new akenza.edge.api.message.LocalMessage("$internal/x",
                "hidden".getBytes(StandardCharsets.UTF_8), 1, false, null));
        c.publish("visible/x", "shown".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertEquals("visible/x", inbox.topics.get(0));
        c.unsubscribe(new String[] {"+/+", "#"});
        c.subscribe("visible/#", 1);
        c.publish("visible/z", "again".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 2);
        assertEquals("visible/z", inbox.topics.get(1));
    }

    @Test
    void wildcardsReachingTheDeniedTopicAreGrantedButNeverDeliverIt() throws Exception {
        MqttClient c = client("wild");
        Inbox inbox = new Inbox();
        c.setCallback(inbox);
        c.connect(options(true));
        int[] granted = c.subscribeWithResponse(new String[] {"#", "+/+", "test/+"}, new int[] {1, 1, 1})
                .getGrantedQos();
        assertArrayEquals(new int[] {1, 1, 1}, granted);
        c.publish("test/nosubscribe", "secret".getBytes(StandardCharsets.UTF_8), 1, true);
        c.publish("test/ok", "fine".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertEquals("test/ok", inbox.topics.get(0));
        MqttClient late = client("late-wild");
        Inbox lateInbox = new Inbox();
        late.setCallback(lateInbox);
        late.connect(options(true));
        late.subscribe("test/#", 1);
        late.publish("test/marker", "m".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> lateInbox.messages.size() == 1);
        assertEquals("test/marker", lateInbox.topics.get(0), "the denied retained message is not delivered either");
    }
}
