// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akenza.edge.api.message.LocalMessage;
import akenza.edge.broker.internal.config.ResourceLimits;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Retained messages that come down from the cloud ({@code LocalDelivery}) are bounded by the same totals
 * (count and bytes) as the devices' retained messages, and counted in the status. Real sockets, HiveMQ client.
 */
class CloudRetainedLimitsTest {

    @Test
    void retainedDownlinksAreBoundedInCountAndBytes() throws Exception {
        TestSettings settings = TestSettings.general();
        // Per-identity limits far below the totals: cloud downlinks are bound by the totals only.
        settings.limits = new ResourceLimits(65_536, 100, 100, 3, 100, 1, 10);
        try (RunningBroker broker = new RunningBroker(settings)) {
            broker.server.deliver(new LocalMessage("down/1", new byte[20], 1, true, null));
            broker.server.deliver(new LocalMessage("down/2", new byte[20], 1, true, null));
            broker.server.deliver(new LocalMessage("down/big", new byte[61], 1, true, null)); // over the bytes
            broker.server.deliver(new LocalMessage("down/3", new byte[20], 1, true, null));
            broker.server.deliver(new LocalMessage("down/4", new byte[1], 1, true, null)); // over the count
            broker.server.deliver(new LocalMessage("down/1", new byte[30], 1, true, null)); // replaces its own

            Set<String> received = ConcurrentHashMap.newKeySet();
            Mqtt5AsyncClient subscriber = MqttClient.builder().useMqttVersion5().identifier("sub")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
            try {
                subscriber.connect().get(5, TimeUnit.SECONDS);
                subscriber.subscribeWith().topicFilter("down/#").qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> received.add(p.getTopic() + "=" + p.getPayloadAsBytes().length))
                        .send().get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
                assertEquals(Set.of("down/1=30", "down/2=20", "down/3=20"), received);
            } finally {
                subscriber.disconnect();
            }
            assertEquals(3, broker.counter("messages.retained"));
            assertEquals(70, broker.counter("messages.retained.bytes"));
            assertEquals(2, broker.counter("dropped.retained_quota"));
        }
    }
}
