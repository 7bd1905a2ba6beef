// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQTT 5 against the broker in general-purpose mode, with Eclipse Paho mqttv5. */
class PahoV5Test {

    private RunningBroker broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    /** Collects what a client receives and how it was disconnected. */
    static final class Inbox implements MqttCallback {
        final List<String> topics = new CopyOnWriteArrayList<>();
        final List<MqttMessage> messages = new CopyOnWriteArrayList<>();
        volatile MqttDisconnectResponse disconnect;

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            disconnect = response;
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
            messages.add(message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
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
                c.disconnectForcibly(100, 100, false);
            }
            c.close(true);
        }
        broker.close();
    }

    private MqttClient client(String id, Inbox inbox) throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        if (inbox != null) {
            c.setCallback(inbox);
        }
        clients.add(c);
        return c;
    }

    private static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(sessionExpiry);
        o.setAutomaticReconnect(false);
        return o;
    }

    @Test
    void emptyClientIdGetsAnAssignedOne() throws Exception {
        MqttClient c = client("", null);
        IMqttToken token = c.connectWithResult(options(true, 0L));
        String assigned = token.getResponseProperties().getAssignedClientIdentifier();
        assertNotNull(assigned);
        assertTrue(assigned.startsWith("auto-"));
        assertEquals(32, token.getResponseProperties().getReceiveMaximum());
    }

    @Test
    void deniedSubscriptionGetsNotAuthorized() throws Exception {
        MqttClient c = client("s", null);
        c.connect(options(true, 0L));
        IMqttToken token = c.subscribe(new MqttSubscription[] {new MqttSubscription("test/nosubscribe", 1),
            new MqttSubscription("test/fine", 2)}, null);
        assertArrayEquals(new int[] {0x87, 2}, token.getReasonCodes());
    }

    @Test
    void propertiesTravelFromPublisherToSubscriber() throws Exception {
        Inbox inbox = new Inbox();
        MqttClient sub = client("sub", inbox);
        sub.connect(options(true, 0L));
        sub.subscribe(new MqttSubscription[] {new MqttSubscription("req/#", 1)}, null);
        MqttClient pub = client("pub", null);
        pub.connect(options(true, 0L));
        MqttMessage m = new MqttMessage("{\"t\":1}".getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        props.setPayloadFormat(true);
        props.setResponseTopic("resp/1");
        props.setCorrelationData(new byte[] {1, 2, 3});
        props.setUserProperties(List.of(new UserProperty("k", "v"), new UserProperty("k", "w")));
        props.setMessageExpiryInterval(600L);
        m.setProperties(props);
        pub.publish("req/a", m);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        MqttProperties got = inbox.messages.get(0).getProperties();
        assertEquals("application/json", got.getContentType());
        assertTrue(got.getPayloadFormat());
        assertEquals("resp/1", got.getResponseTopic());
        assertArrayEquals(new byte[] {1, 2, 3}, got.getCorrelationData());
        assertEquals(List.of(new UserProperty("k", "v"), new UserProperty("k", "w")), got.getUserProperties());
        assertTrue(got.getMessageExpiryInterval() <= 600 && got.getMessageExpiryInterval() >= 598);
    }

    @Test
    void noLocalSkipsOwnMessagesAndOverlappingSubscriptionsDeliverOnce() throws Exception {
        Inbox inbox = new Inbox();
        MqttClient c = client("self", inbox);
        c.connect(options(true, 0L));
        MqttSubscription noLocal = new MqttSubscription("own/#", 1);
        noLocal.setNoLocal(true);
        c.subscribe(new MqttSubscription[] {noLocal}, null);
        c.subscribe(new MqttSubscription[] {new MqttSubscription("x/+", 0), new MqttSubscription("x/#", 2)}, null);
        c.publish("own/a", new MqttMessage("mine".getBytes(StandardCharsets.UTF_8), 1, false, null));
        MqttClient other = client("other", null);
        other.connect(options(true, 0L));
        other.publish("x/1", new MqttMessage("both".getBytes(StandardCharsets.UTF_8), 2, false, null));
        other.publish("own/b", new MqttMessage("theirs".getBytes(StandardCharsets.UTF_8), 1, false, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 2);
        assertEquals(List.of("x/1", "own/b"), inbox.topics);
        assertEquals(2, inbox.messages.get(0).getQos(), "highest granted QoS of overlapping subscriptions");
    }

    @Test
    void retainHandlingTwoSendsNoRetainedMessages() throws Exception {
        MqttClient pub = client("pub", null);
        pub.connect(options(true, 0L));
        pub.publish("keep/1", new MqttMessage("r".getBytes(StandardCharsets.UTF_8), 1, true, null));
        Inbox inbox = new Inbox();
        MqttClient sub = client("sub", inbox);
        sub.connect(options(true, 0L));
        MqttSubscription none = new MqttSubscription("keep/#", 1);
        none.setRetainHandling(2);
        sub.subscribe(new MqttSubscription[] {none}, null);
        MqttSubscription asPublished = new MqttSubscription("keep/+", 1);
        asPublished.setRetainAsPublished(true);
        sub.subscribe(new MqttSubscription[] {asPublished}, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertTrue(inbox.messages.get(0).isRetained());
        pub.publish("keep/1", new MqttMessage("live".getBytes(StandardCharsets.UTF_8), 1, true, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 2);
        assertTrue(inbox.messages.get(1).isRetained(), "retain-as-published keeps the flag on live messages");
    }

    @Test
    void sessionTakeoverSendsDisconnectSessionTakenOver() throws Exception {
        Inbox first = new Inbox();
        MqttClient a = client("same", first);
        a.connect(options(true, 0L));
        MqttClient b = client("same", null);
        b.connect(options(true, 0L));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.disconnect != null);
        assertEquals(0x8E, first.disconnect.getReturnCode());
        assertTrue(b.isConnected());
    }

    @Test
    void sessionSurvivesWithExpiryAndQueuedMessagesArriveWithReducedExpiry() throws Exception {
        MqttClient sub = client("durable5", null);
        sub.connect(options(true, 300L));
        sub.subscribe(new MqttSubscription[] {new MqttSubscription("d/#", 1)}, null);
        sub.disconnect();
        MqttClient pub = client("pub", null);
        pub.connect(options(true, 0L));
        MqttMessage m = new MqttMessage("later".getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setMessageExpiryInterval(100L);
        m.setProperties(props);
        pub.publish("d/1", m);
        MqttMessage expired = new MqttMessage("expired".getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties shortProps = new MqttProperties();
        shortProps.setMessageExpiryInterval(1L);
        expired.setProperties(shortProps);
        pub.publish("d/2", expired);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.counter("messages.queued") == 2);
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        IMqttToken token = sub.connectWithResult(options(false, 300L));
        assertTrue(token.getSessionPresent());
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages.size() == 1);
        assertEquals("d/1", inbox.topics.get(0));
        assertTrue(inbox.messages.get(0).getProperties().getMessageExpiryInterval() < 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.counter("dropped.expired") == 1);
    }

    @Test
    void delayedWillIsCancelledWhenTheClientReturns() throws Exception {
        Inbox watcher = new Inbox();
        MqttClient w = client("watcher", watcher);
        w.connect(options(true, 0L));
        w.subscribe(new MqttSubscription[] {new MqttSubscription("wills/#", 1)}, null);
        MqttClient c = client("flaky", null);
        MqttConnectionOptions o = options(true, 60L);
        MqttProperties willProps = new MqttProperties();
        willProps.setWillDelayInterval(30L);
        o.setWillMessageProperties(willProps);
        o.setWill("wills/flaky", new MqttMessage("bye".getBytes(StandardCharsets.UTF_8), 1, false, null));
        c.connect(o);
        c.disconnectForcibly(0, 100, false);
        MqttClient again = client("flaky", null);
        again.connect(options(false, 60L));
        w.publish("wills/marker", new MqttMessage("m".getBytes(StandardCharsets.UTF_8), 1, false, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.messages.size() == 1);
        assertEquals("wills/marker", watcher.topics.get(0));
    }
}
