// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.broker.internal.config.SettingsParser;
import akenza.edge.testing.StandardErrorCapture;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component driven by hand, the way SCR would: activate, modified, deactivate, references. */
class MqttBrokerComponentTest {

    @TempDir
    Path home;

    private final MqttBrokerComponent component = new MqttBrokerComponent();
    private MqttBrokerComponent other;

    @AfterEach
    void stop() {
        component.deactivate();
        if (other != null) {
            other.deactivate();
        }
    }

    private Map<String, Object> config(int tcpPort) {
        Map<String, Object> p = new HashMap<>();
        p.put(SettingsParser.TCP_PORT, tcpPort);
        p.put(SettingsParser.TLS_ENABLED, false);
        p.put(SettingsParser.BIND_ADDRESS, "127.0.0.1");
        p.put(SettingsParser.HOME_DIR, home.toString());
        p.put(SettingsParser.ANONYMOUS_ALLOWED, false);
        p.put(SettingsParser.localAccountName(1), "wires");
        p.put(SettingsParser.localAccountPassword(1), "ENC:pw");
        p.put("kura.service.pid", SettingsParser.class.getName());
        return p;
    }

    /** Decrypts "ENC:x" to "x", like Kura's AES decryption of Password attributes. */
    private static final CryptoService CRYPTO = new CryptoService() {
        @Override
        public char[] encryptAes(char[] value) {
            return ("ENC:" + new String(value)).toCharArray();
        }

        @Override
        public char[] decryptAes(char[] encrypted) throws KuraException {
            String s = new String(encrypted);
            if (!s.startsWith("ENC:")) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR);
            }
            return s.substring(4).toCharArray();
        }
    };

    private static Mqtt5BlockingClient connect(int port, String user, String password) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("t-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return c;
    }

    @Test
    void activatesServesWithDecryptedAccountsAndRebindsOnPortChange() {
        component.bindCryptoService(CRYPTO);
        component.activate(config(0));
        int port = component.server().tcpPort();
        Mqtt5BlockingClient c = connect(port, "wires", "pw");
        assertEquals(Health.OK, component.status().health());
        // The client returns on CONNACK; the server counts the session right after writing it.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Long.valueOf(1L).equals(component.status().counters().get("connections.current")));

        component.modified(config(0));
        assertEquals(port, component.server().tcpPort(), "same settings: no rebind, connections stay");
        assertTrue(c.getState().isConnected());

        Map<String, Object> moved = config(0);
        moved.put(SettingsParser.MAX_CONNECTIONS, 5);
        component.modified(moved);
        assertEquals(port, component.server().tcpPort());
        c.disconnect();
    }

    @Test
    void busyPortIsReportedNotThrown() {
        component.activate(config(0));
        int port = component.server().tcpPort();
        other = new MqttBrokerComponent();
        other.activate(config(port));
        ComponentStatus status = other.status();
        assertEquals(Health.DOWN, status.health());
        assertTrue(status.details().get("listener.tcp").startsWith("failed"), status.details().toString());
        other.modified(config(0));
        assertEquals(Health.OK, other.status().health());
        assertNotEquals(port, other.server().tcpPort());
    }

    /** The bad-value rule every component follows: default used, WARN line, DEGRADED, cleared by a good value. */
    @Test
    void aBadValueTakesItsDefaultIsLoggedAndDegradesTheStatusUntilAGoodValueReplacesIt() {
        Map<String, Object> bad = config(0);
        bad.put(SettingsParser.ANONYMOUS_ALLOWED, "sure");
        try (StandardErrorCapture log = new StandardErrorCapture()) {
            component.activate(bad);
            int port = component.server().tcpPort();
            Mqtt5BlockingClient anonymous = MqttClient.builder().useMqttVersion5()
                    .identifier("anon-" + System.nanoTime()).serverHost("127.0.0.1").serverPort(port).buildBlocking();
            // the default (no anonymous access) applies: refused now, accepted once the value is good
            assertThrows(Mqtt5ConnAckException.class, anonymous::connect);
            ComponentStatus status = component.status();
            assertEquals(Health.DEGRADED, status.health());
            assertEquals("anonymous.allowed = 'sure' rejected: must be true or false; using the default false",
                    status.details().get("config.errors"));
            assertTrue(log.text().contains("WARN akenza.edge.broker.internal.MqttBrokerComponent - "
                    + "akenza.edge.broker.MqttBroker configuration: anonymous.allowed = 'sure' rejected"), log.text());

            Map<String, Object> good = config(0);
            good.put(SettingsParser.ANONYMOUS_ALLOWED, true);
            component.modified(good);
            status = component.status();
            assertEquals(Health.OK, status.health(), status.toString());
            assertFalse(status.details().containsKey("config.errors"));
            anonymous.connect();
            anonymous.disconnect();
        }
    }

    @Test
    void deactivateClosesTheListener() throws Exception {
        component.activate(config(0));
        int port = component.server().tcpPort();
        component.deactivate();
        try (Socket s = new Socket()) {
            Exception e = Assertions.assertThrows(Exception.class,
                    () -> s.connect(new InetSocketAddress("127.0.0.1", port),
                            (int) TimeUnit.SECONDS.toMillis(1)));
            assertTrue(e instanceof ConnectException, e.toString());
        }
    }

    @Test
    void rightAfterActivationADeviceWithoutAuthenticatorIsToldToRetry() {
        component.activate(config(0));
        int port = component.server().tcpPort();
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("dev-early")
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        Mqtt5ConnAckException e = Assertions
                .assertThrows(Mqtt5ConnAckException.class,
                        () -> c.connectWith().simpleAuth().username("unused")
                                .password("a-jwt".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
        // The credentials component may activate a moment after the broker: 0x88, not 0x87.
        assertEquals(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE,
                e.getMqttMessage().getReasonCode());
    }
}
