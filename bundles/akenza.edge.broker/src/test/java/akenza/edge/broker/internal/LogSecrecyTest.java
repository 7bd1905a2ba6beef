// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akenza.edge.api.log.LogText;
import akenza.edge.testing.StandardErrorCapture;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client values reach the broker's log only masked and escaped (issue 11, holes 5 and 6): a JWT as
 * client id, a connector secret in a mistyped topic or a will topic, a newline that would forge a log line.
 * The log is slf4j-simple's standard error, captured here; the build's log check scans every module's test
 * output for the same things.
 */
class LogSecrecyTest {

    private static final String SECRET = "zq0x9c8v7b6n5m4l3k2j1h0g9f8d7s6x";
    private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZXYtMSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    private RunningBroker broker;
    private StandardErrorCapture captured;
    private final Object owner = new Object();

    @BeforeEach
    void start() {
        captured = new StandardErrorCapture();
        LogText.registerSecrets(owner, List.of(SECRET));
        BrokerServices services = new BrokerServices();
        services.authenticator(new TestDevices.Authenticator());
        services.topicPolicy(new TestDevices.Policy());
        broker = new RunningBroker(TestSettings.general().build(), services);
    }

    @AfterEach
    void stop() {
        broker.close();
        captured.close();
        LogText.withdrawSecrets(owner);
    }

    private String log() {
        return captured.text();
    }

    @Test
    void hostileValuesAreMaskedAndEscaped() throws Exception {
        // A device that put its token into the client id, and a client id that tries to forge a line.
        Mqtt5AsyncClient jwtAsId = MqttClient.builder().useMqttVersion5().identifier(JWT).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        assertThrows(ExecutionException.class, () -> jwtAsId.connectWith().simpleAuth().username("u")
                .password("bad".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(5, TimeUnit.SECONDS));
        Mqtt5AsyncClient forger = MqttClient.builder().useMqttVersion5().identifier("x\nFORGED by a client id")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        assertThrows(ExecutionException.class, () -> forger.connectWith().simpleAuth().username("u")
                .password("bad".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(5, TimeUnit.SECONDS));

        // A connector that mistypes its topics; its will topic holds its secret too.
        Mqtt5AsyncClient connector = MqttClient.builder().useMqttVersion5().identifier("conn-client")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        connector.connectWith().simpleAuth().username("c1").password("connector:c1".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().willPublish().topic("up/" + SECRET + "/id/d/will").payload(new byte[] {1})
                .applyWillPublish().send().get(5, TimeUnit.SECONDS);
        for (String topic : List.of("up/" + SECRET + "/id/d", "//up/" + SECRET + "/id/d", "/Down/" + SECRET + "/id/d",
                "/up/device/id/d/" + SECRET, "/up/device/id/d/x\nFORGED by a topic", "/up/secret-c1/id/d")) {
            // Refused with PUBACK 0x87: the test wants the refusal's log line, not the acknowledgement.
            connector.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                    .handle((r, e) -> null).get(5, TimeUnit.SECONDS);
        }
        connector.subscribeWith().topicFilter("down/" + SECRET + "/#").send().handle((a, e) -> null)
                .get(5, TimeUnit.SECONDS);
        connector.disconnectWith().reasonCode(
                Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .send().get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> log().contains("Refused client x\\nFORGED by a client id")
                && log().contains("/up/device/id/d/x\\nFORGED by a topic")
                && log().contains("Will of"));
        String log = log();
        assertFalse(log.contains(SECRET), "a registered connector secret was logged");
        assertFalse(log.contains("secret-c1"), "the authenticated connector's secret was logged");
        assertFalse(log.contains("eyJhbGciOiJFUzI1NiJ9"), "a JWT was logged");
        assertFalse(log.lines().anyMatch(line -> line.startsWith("FORGED")), "a client forged a log line");
    }
}
