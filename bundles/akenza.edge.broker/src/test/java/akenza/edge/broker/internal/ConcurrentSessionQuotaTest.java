// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akenza.edge.broker.internal.config.ResourceLimits;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many persistent CONNECTs at once, spread over the broker's event loops: the session limits hold exactly,
 * because the quota check and the reservation are one step. Real sockets, HiveMQ MQTT client.
 */
class ConcurrentSessionQuotaTest {

    private static final int CLIENTS = 120;
    private static final int MAX_SESSIONS = 5;

    private RunningBroker broker;
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        for (Mqtt5AsyncClient c : clients) {
            c.disconnect();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void simultaneousPersistentConnectsNeverExceedTheSessionLimit() throws Exception {
        TestSettings settings = TestSettings.general();
        settings.limits = new ResourceLimits(65_536, MAX_SESSIONS, 100, 100, 1_000_000, 100, 1_000_000);
        settings.connectTimeoutSeconds = 60;
        settings.maxConnections = CLIENTS * 2; // only the session limit refuses here
        broker = new RunningBroker(settings);
        List<CompletableFuture<Mqtt5ConnAck>> connects = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier("burst-" + i)
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
            clients.add(c);
        }
        for (Mqtt5AsyncClient c : clients) {
            connects.add(c.connectWith().cleanStart(false).sessionExpiryInterval(600).send());
        }
        int accepted = 0;
        int refused = 0;
        for (CompletableFuture<Mqtt5ConnAck> f : connects) {
            try {
                f.get(30, TimeUnit.SECONDS);
                accepted++;
            } catch (ExecutionException e) {
                assertEquals(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED,
                        assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode());
                refused++;
            }
        }
        assertEquals(MAX_SESSIONS, accepted, "accepted persistent sessions");
        assertEquals(CLIENTS - MAX_SESSIONS, refused);
        assertEquals(MAX_SESSIONS, broker.counter("sessions.persistent"));
        assertEquals(CLIENTS - MAX_SESSIONS, broker.counter("connections.refused.session_quota"));
    }
}
