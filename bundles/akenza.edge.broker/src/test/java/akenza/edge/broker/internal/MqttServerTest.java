// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Lifecycle, configuration updates, limits and status counters of {@link MqttServer}. */
class MqttServerTest {

    private static Mqtt5AsyncClient v5(int port, String id) {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        c.connect().join();
        return c;
    }

    @Test
    void portChangeRebindsWhileExistingConnectionsStay() throws Exception {
        TestSettings settings = TestSettings.general();
        try (RunningBroker broker = new RunningBroker(settings)) {
            int oldPort = broker.port();
            List<String> got = new CopyOnWriteArrayList<>();
            Mqtt5AsyncClient old = v5(oldPort, "old");
            old.subscribeWith().topicFilter("moved/#").callback(p -> got.add(p.getTopic().toString())).send().join();
            int newPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                newPort = probe.getLocalPort();
            }
            settings.tcpPort = newPort;
            broker.server.update(settings.build());
            assertEquals(newPort, broker.server.tcpPort());
            v5(newPort, "new").publishWith().topic("moved/1").payload(new byte[] {1}).send().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
            assertTrue(old.getState().isConnected());
        }
    }

    @Test
    void statusCountsMessagesBytesConnectionsAndSessions() {
        try (RunningBroker broker = new RunningBroker(TestSettings.general())) {
            List<String> got = new CopyOnWriteArrayList<>();
            Mqtt5AsyncClient sub = v5(broker.port(), "sub");
            sub.subscribeWith().topicFilter("s/#").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> got.add(p.getTopic().toString())).send().join();
            Mqtt5AsyncClient pub = v5(broker.port(), "pub");
            pub.publishWith().topic("s/1").qos(MqttQos.AT_LEAST_ONCE).payload("12345".getBytes()).send().join();
            pub.publishWith().topic("s/2").qos(MqttQos.AT_MOST_ONCE).payload("123".getBytes()).send().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            ComponentStatus status = broker.server.status();
            Map<String, Long> c = status.counters();
            assertEquals(MqttBrokerComponent.PID, status.component());
            assertEquals(Health.OK, status.health());
            assertEquals(1L, c.get("messages.in.qos1"));
            assertEquals(5L, c.get("bytes.in.qos1"));
            assertEquals(1L, c.get("messages.in.qos0"));
            assertEquals(1L, c.get("messages.out.qos1"));
            assertEquals(2L, c.get("connections.current"));
            assertEquals(2L, c.get("connections.total"));
            assertEquals(2L, c.get("sessions"));
            pub.disconnect().join();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> broker.server.status().counters().get("connections.current") == 1L);
        }
    }

    @Test
    void listenersCanBeSwitchedOff() {
        TestSettings settings = TestSettings.general();
        settings.tcpEnabled = false;
        try (RunningBroker broker = new RunningBroker(settings)) {
            assertEquals(-1, broker.port());
            assertEquals(Health.IDLE, broker.server.status().health());
            settings.tcpEnabled = true;
            broker.server.update(settings.build());
            assertTrue(broker.port() > 0);
            assertEquals(Health.OK, broker.server.status().health());
        }
    }

    @Test
    void subscriptionsPerClientAndTopicLengthAreLimited() {
        TestSettings settings = TestSettings.general();
        settings.maxSubscriptionsPerClient = 2;
        settings.maxTopicLength = 16;
        try (RunningBroker broker = new RunningBroker(settings)) {
            Mqtt5AsyncClient c = v5(broker.port(), "limited");
            c.subscribeWith().topicFilter("one").send().join();
            c.subscribeWith().topicFilter("two").send().join();
            c.subscribeWith().topicFilter("two").send().join(); // re-subscribing does not count twice
            CompletionException e = assertThrows(CompletionException.class,
                    () -> c.subscribeWith().topicFilter("three").send().join());
            Mqtt5SubAckException subAck = assertInstanceOf(Mqtt5SubAckException.class, e.getCause());
            assertEquals(List.of(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED), subAck.getMqttMessage().getReasonCodes());

            Mqtt3AsyncClient v3 = MqttClient.builder().useMqttVersion3().identifier("long-topic")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
            v3.connect().join();
            v3.publishWith().topic("this/topic/is/longer/than/sixteen").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1}).send();
            await().atMost(Duration.ofSeconds(5)).until(() -> !v3.getState().isConnected());
            assertEquals(1L, broker.counter("refused.subscription_limit"));
            assertEquals(1L, broker.counter("refused.topic_invalid"));
        }
    }

    @Test
    void localDeliveryRejectsInvalidTopicNames() {
        try (RunningBroker broker = new RunningBroker(TestSettings.general())) {
            assertThrows(IllegalArgumentException.class,
                    () -> broker.server.deliver(new LocalMessage("a/+", new byte[0], 0, false, null)));
        }
    }
}
