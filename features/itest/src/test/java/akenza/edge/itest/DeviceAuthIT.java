// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 4 through the real broker: akenza JWT device credentials and uplink-secret connectors, checked by
 * the credentials bundle, as MQTT 3.1.1 (Paho mqttv3, CONNACK return code) and MQTT 5 (Paho mqttv5, CONNACK
 * reason code) clients see them on a real socket; the throttling of repeated failures per identity and
 * address; and issue 11's isolation: client ids of devices with keys, connectors without allow-list, revocation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceAuthIT extends GatewayTestBase {

    private static final String RSA_DEVICE = "auth-rsa-1";
    private static final String EC_DEVICE = "auth-ec-1";
    private static final String OTHER_DEVICE = "auth-rsa-2";
    private static final String REVOKED_DEVICE = "auth-revoke-1";
    private static final String LOCAL_ACCOUNT = "itest-app";
    private static final String LOCAL_PASSWORD = "itest-local-password";
    private static final int V5_NOT_AUTHORIZED = 0x87;
    private static final String CONNECTOR_ID = "c0ffee0011223344";
    private static final String CONNECTOR_SECRET = "connectorsecret0123456789abcdefg";

    // MQTT 3.1.1 CONNACK return codes and their MQTT 5 reason codes
    private static final int V3_BAD_CREDENTIALS = 0x04;
    private static final int V5_BAD_CREDENTIALS = 0x86;
    private static final int V3_IDENTIFIER_REJECTED = 0x02;
    private static final int V5_CLIENT_ID_INVALID = 0x85;
    private static final int V3_SERVER_UNAVAILABLE = 0x03;
    private static final int V5_CONNECTION_RATE_EXCEEDED = 0x9F;
    private static final int V5_MAXIMUM_CONNECT_TIME = 0xA0;

    private static JwtDevice rsa;
    private static JwtDevice ec;
    private static JwtDevice other;
    private static JwtDevice revoked;
    private static Path devicesDir;
    private static String uri;

    @Override
    protected void startGateway() throws Exception {
        Path devices = Path.of(System.getProperty("akenza.edge.home")).resolve("devices");
        rsa = JwtDevice.rsa(RSA_DEVICE);
        ec = JwtDevice.ec(EC_DEVICE);
        other = JwtDevice.rsa(OTHER_DEVICE);
        revoked = JwtDevice.ec(REVOKED_DEVICE);
        devicesDir = devices;
        for (JwtDevice d : List.of(rsa, ec, other, revoked)) {
            d.register(devices);
        }
        int port = Ports.free();
        Gateway gateway = gateway();
        gateway.configure(Gateway.CREDENTIALS, credentials(0, 60, 300));
        gateway.configure(Gateway.TOPICS, Map.of());
        gateway.configure(Gateway.FORWARDER, Map.of("host", "127.0.0.1", "port",
                Integer.getInteger("itest.upstream.port"), "tls", false, "connector.id", AkenzaStandIn.CONNECTOR_ID,
                "connector.secret", AkenzaStandIn.SECRET, "client.id", "akenza-edge-itest-auth", "status.interval", 0));
        gateway.configure(Gateway.BROKER, Map.of("tcp.port", port, "tls.enabled", false, "bind.address", "127.0.0.1",
                "local.account.1.name", LOCAL_ACCOUNT, "local.account.1.password", LOCAL_PASSWORD));
        Gateway.awaitListening(port);
        uri = "tcp://127.0.0.1:" + port;
    }

    @Test
    public void validRs256TokenIsAccepted() throws Exception {
        assertAccepted(RSA_DEVICE, "unused", rsa.token());
        assertAccepted(RSA_DEVICE, "unused", rsa.token(rsa.header(rsa.kid()), validClaims(RSA_DEVICE)));
        assertAcceptedWithoutUserName(RSA_DEVICE, rsa.token());
    }

    @Test
    public void validEs256TokenIsAccepted() throws Exception {
        assertAccepted(EC_DEVICE, "unused", ec.token());
        assertAccepted(EC_DEVICE, "unused", ec.token(ec.header(ec.kid()), validClaims(EC_DEVICE)));
        assertAcceptedWithoutUserName(EC_DEVICE, ec.token());
    }

    @Test
    public void expiredTokenIsRefused() throws Exception {
        long now = now();
        assertBadCredentials("an expired token (beyond the 600 s skew)", RSA_DEVICE,
                rsa.token(rsa.header(null),
                        JwtDevice.claims(now - 3600, now - 1200, audience(RSA_DEVICE), null, null)));
    }

    @Test
    public void tokenIssuedInTheFutureIsRefused() throws Exception {
        long now = now();
        assertBadCredentials("an iat beyond the skew", EC_DEVICE,
                ec.token(ec.header(null), JwtDevice.claims(now + 1200, now + 2400, audience(EC_DEVICE), null, null)));
    }

    @Test
    public void tokenLivingLongerThanTheMaximumIsRefused() throws Exception {
        long now = now();
        assertBadCredentials("exp - iat over 24 h", RSA_DEVICE, rsa.token(rsa.header(null),
                JwtDevice.claims(now, now + 86_400 + 3600, audience(RSA_DEVICE), null, null)));
    }

    @Test
    public void wrongAudienceIsRefused() throws Exception {
        long now = now();
        assertBadCredentials("aud of another (registered) device", RSA_DEVICE, rsa.token(rsa.header(null),
                JwtDevice.claims(now, now + 1200, audience(OTHER_DEVICE), null, null)));
        assertBadCredentials("aud of another service", EC_DEVICE, ec.token(ec.header(null),
                JwtDevice.claims(now, now + 1200, "https://example.com/devices/" + EC_DEVICE, null, null)));
    }

    @Test
    public void wrongSubjectIsRefused() throws Exception {
        long now = now();
        assertBadCredentials("sub of another device", RSA_DEVICE, rsa.token(rsa.header(null),
                JwtDevice.claims(now, now + 1200, audience(RSA_DEVICE), OTHER_DEVICE, null)));
    }

    @Test
    public void unknownDeviceIsRefused() throws Exception {
        JwtDevice ghost = JwtDevice.ec("auth-ghost-1");
        assertBadCredentials("a device without registered keys", ghost.deviceId(), ghost.token());
    }

    @Test
    public void clientIdOtherThanTheDeviceIdIsRefused() throws Exception {
        assertRefused("a valid token of auth-rsa-1 presented by client auth-rsa-2", OTHER_DEVICE, "unused",
                rsa.token(), V3_IDENTIFIER_REJECTED, V5_CLIENT_ID_INVALID);
        assertRefused("a valid token presented by an unknown client id", "auth-someone", "unused", ec.token(),
                V3_IDENTIFIER_REJECTED, V5_CLIENT_ID_INVALID);
    }

    @Test
    public void algNoneIsRefused() throws Exception {
        assertBadCredentials("alg none", RSA_DEVICE, JwtDevice.unsigned(validClaims(RSA_DEVICE)));
    }

    @Test
    public void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        assertBadCredentials("HS256 with the RSA public key PEM as HMAC key", RSA_DEVICE,
                JwtDevice.hs256(validClaims(RSA_DEVICE), rsa.publicKeyPem()));
    }

    @Test
    public void tamperedSignatureIsRefused() throws Exception {
        assertBadCredentials("an RS256 token with one signature bit flipped", RSA_DEVICE,
                JwtDevice.tampered(rsa.token()));
        assertBadCredentials("an ES256 token with one signature bit flipped", EC_DEVICE,
                JwtDevice.tampered(ec.token()));
    }

    @Test
    public void unknownKidIsRefused() throws Exception {
        String unknownKid = "00".repeat(32);
        assertBadCredentials("a kid matching none of the device's keys", RSA_DEVICE,
                rsa.token(rsa.header(unknownKid), validClaims(RSA_DEVICE)));
        assertBadCredentials("the kid of another device's key", EC_DEVICE,
                ec.token(ec.header(other.kid()), validClaims(EC_DEVICE)));
    }

    @Test
    public void oversizedTokenIsRefused() throws Exception {
        long now = now();
        String padding = "\"pad\":\"" + "x".repeat(9000) + "\"";
        String token = rsa.token(rsa.header(null),
                JwtDevice.claims(now, now + 1200, audience(RSA_DEVICE), null, padding));
        assertTrue("the token exceeds the 8192-byte cap", token.length() > 8192);
        assertBadCredentials("a correctly signed token over 8 KB", RSA_DEVICE, token);
    }

    @Test
    public void correctConnectorSecretIsAccepted() throws Exception {
        assertAccepted("conn-client-1", CONNECTOR_ID, CONNECTOR_SECRET);
    }

    @Test
    public void wrongConnectorSecretIsRefused() throws Exception {
        assertRefused("a wrong connector secret", "conn-client-2", CONNECTOR_ID, CONNECTOR_SECRET.replace('0', '1'),
                V3_BAD_CREDENTIALS, V5_BAD_CREDENTIALS);
        assertRefused("the right secret with an unknown connector id", "conn-client-3", "ffffffffffffffff",
                CONNECTOR_SECRET, V3_BAD_CREDENTIALS, V5_BAD_CREDENTIALS);
    }

    @Test
    public void throttlingKicksInPerIdentityAndExpires() throws Exception {
        // 3 failures in 60 s start a 5 s cooldown: long enough for the checks below even on a busy machine
        gateway().configure(Gateway.CREDENTIALS, credentials(3, 60, 5));
        try {
            String forged = JwtDevice.rsa(RSA_DEVICE).token();
            assertEquals(V3_BAD_CREDENTIALS, refusalV3(RSA_DEVICE, "unused", forged));
            assertEquals(V5_BAD_CREDENTIALS, refusalV5(RSA_DEVICE, "unused", forged));
            assertEquals("the third failure is still answered as such", V3_BAD_CREDENTIALS,
                    refusalV3(RSA_DEVICE, "unused", forged));
            long throttledSince = System.nanoTime();
            assertEquals("the failing device's valid token, MQTT 5", V5_CONNECTION_RATE_EXCEEDED,
                    refusalV5(RSA_DEVICE, "unused", rsa.token()));
            assertEquals("the failing device's valid token, MQTT 3.1.1, " + msSince(throttledSince)
                    + " ms into the cooldown", V3_SERVER_UNAVAILABLE, refusalV3(RSA_DEVICE, "unused", rsa.token()));
            // Issue 11, hole 10: its neighbours behind the same address are not locked out.
            assertAccepted(EC_DEVICE, "unused", ec.token());
            assertAccepted("conn-client-4", CONNECTOR_ID, CONNECTOR_SECRET);
            // Issue 11, hole 3: the broker's local-account passwords go through the same throttle.
            for (int i = 0; i < 3; i++) {
                assertEquals(V5_BAD_CREDENTIALS, refusalV5("itest-app-client", LOCAL_ACCOUNT, "wrong"));
            }
            assertEquals("the right local password after 3 failures", V5_CONNECTION_RATE_EXCEEDED,
                    refusalV5("itest-app-client", LOCAL_ACCOUNT, LOCAL_PASSWORD));
            Await.until("the 5 s cooldown to expire", Duration.ofSeconds(30), () -> {
                try (V5Device d = V5Device.connect(uri, RSA_DEVICE, "unused", rsa.token())) {
                    return d.isConnected();
                } catch (ConnectRefused e) {
                    assertEquals("refusal while throttled", V5_CONNECTION_RATE_EXCEEDED, e.code);
                    return false;
                }
            });
            long throttledMs = msSince(throttledSince);
            assertTrue("the cooldown lasted about 5 s, not " + throttledMs + " ms", throttledMs >= 3000);
            assertEquals("failures count again after the cooldown", V3_BAD_CREDENTIALS,
                    refusalV3(RSA_DEVICE, "unused", forged));
        } finally {
            gateway().configure(Gateway.CREDENTIALS, credentials(0, 60, 300));
        }
    }

    /** Issue 11, holes 1 and 2: a connector's shared secret does not override a device's own key. */
    @Test
    public void aConnectorWithoutAllowListIsNotADeviceWithKeys() throws Exception {
        assertRefused("a connector using a JWT device's client id", RSA_DEVICE, CONNECTOR_ID, CONNECTOR_SECRET,
                V3_IDENTIFIER_REJECTED, V5_CLIENT_ID_INVALID);
        assertRefused("a local application using a JWT device's client id", RSA_DEVICE, LOCAL_ACCOUNT, LOCAL_PASSWORD,
                V3_IDENTIFIER_REJECTED, V5_CLIENT_ID_INVALID);
        try (V5Device c = V5Device.connect(uri, "conn-client-5", CONNECTOR_ID, CONNECTOR_SECRET)) {
            assertEquals("an uplink as a device with keys", V5_NOT_AUTHORIZED,
                    c.publish("/up/" + CONNECTOR_SECRET + "/id/" + RSA_DEVICE, "{}"));
            assertEquals("that device's downlinks", V5_NOT_AUTHORIZED,
                    c.subscribe("/down/" + CONNECTOR_SECRET + "/id/" + RSA_DEVICE + "/#")[0]);
            assertEquals("an uplink of a device without keys", 0,
                    c.publish("/up/" + CONNECTOR_SECRET + "/id/keyless-sensor-1", "{}"));
        }
    }

    /** Issue 11, hole 7: deleting a device's key file ends its live connection and refuses its next CONNECT. */
    @Test
    public void deletingADevicesKeyFileClosesItsConnection() throws Exception {
        try (V5Device d = V5Device.connect(uri, REVOKED_DEVICE, "unused", revoked.token())) {
            assertTrue(d.isConnected());
            Files.delete(devicesDir.resolve(REVOKED_DEVICE + ".pem"));
            Await.until("the broker to close the revoked device's connection", Duration.ofSeconds(10),
                    () -> !d.isConnected() && d.disconnectReason() != -1);
            assertEquals("MQTT 5 DISCONNECT reason: not authorized", V5_NOT_AUTHORIZED, d.disconnectReason());
        }
        assertEquals(V5_BAD_CREDENTIALS, refusalV5(REVOKED_DEVICE, "unused", revoked.token()));
    }

    @Test
    public void connectionIsClosedWhenTheTokenExpires() throws Exception {
        Map<String, Object> noSkew = credentials(0, 60, 300);
        noSkew.put("jwt.clock.skew", 0);
        gateway().configure(Gateway.CREDENTIALS, noSkew);
        try {
            long now = now();
            String rsaToken = rsa.token(rsa.header(null),
                    JwtDevice.claims(now - 60, now + 6, audience(RSA_DEVICE), null, null));
            String ecToken = ec.token(ec.header(null),
                    JwtDevice.claims(now - 60, now + 6, audience(EC_DEVICE), null, null));
            try (V3Device d3 = V3Device.connect(uri, RSA_DEVICE, "unused", rsaToken);
                    V5Device d5 = V5Device.connect(uri, EC_DEVICE, "unused", ecToken)) {
                assertTrue("accepted while the tokens are valid", d3.isConnected() && d5.isConnected());
                // Paho marks the client disconnected before it calls back with the DISCONNECT: wait for both.
                Await.until("the broker to close both connections when their tokens expire", Duration.ofSeconds(30),
                        () -> !d3.isConnected() && !d5.isConnected() && d5.disconnectReason() != -1);
                assertTrue("closed only once the tokens expired", Instant.now().getEpochSecond() >= now + 6);
                assertEquals("MQTT 5 DISCONNECT reason: maximum connect time", V5_MAXIMUM_CONNECT_TIME,
                        d5.disconnectReason());
            }
        } finally {
            gateway().configure(Gateway.CREDENTIALS, credentials(0, 60, 300));
        }
    }

    private static long msSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }

    private Gateway gateway() {
        return new Gateway(context, configAdmin);
    }

    /** Throttling is off except in the throttling test: the other tests fail on purpose, all from 127.0.0.1. */
    private static Map<String, Object> credentials(int failuresMax, int window, int cooldown) {
        Map<String, Object> p = new HashMap<>();
        p.put("connector.1.id", CONNECTOR_ID);
        p.put("connector.1.secret", CONNECTOR_SECRET);
        p.put("auth.failures.max", failuresMax);
        p.put("auth.failures.window", window);
        p.put("auth.cooldown", cooldown);
        return p;
    }

    private void assertAccepted(String clientId, String user, String password) throws Exception {
        try (V3Device d = V3Device.connect(uri, clientId, user, password)) {
            assertTrue(d.isConnected());
        } catch (ConnectRefused e) {
            fail(clientId + " must be accepted over MQTT 3.1.1: " + e.getMessage());
        }
        try (V5Device d = V5Device.connect(uri, clientId, user, password)) {
            assertTrue(d.isConnected());
        } catch (ConnectRefused e) {
            fail(clientId + " must be accepted over MQTT 5: " + e.getMessage());
        }
    }

    /** MQTT 5 allows a password without a user name (3.1.1 does not: Paho 3 then sends no password). */
    private void assertAcceptedWithoutUserName(String clientId, String password) throws Exception {
        try (V5Device d = V5Device.connect(uri, clientId, null, password)) {
            assertTrue(d.isConnected());
        } catch (ConnectRefused e) {
            fail(clientId + " must be accepted over MQTT 5 without a user name: " + e.getMessage());
        }
    }

    private void assertBadCredentials(String what, String clientId, String token) throws Exception {
        assertRefused(what, clientId, "unused", token, V3_BAD_CREDENTIALS, V5_BAD_CREDENTIALS);
    }

    private void assertRefused(String what, String clientId, String user, String password, int v3, int v5)
            throws Exception {
        assertEquals(what + ": MQTT 3.1.1 CONNACK return code", v3, refusalV3(clientId, user, password));
        assertEquals(what + ": MQTT 5 CONNACK reason code", v5, refusalV5(clientId, user, password));
    }

    private int refusalV3(String clientId, String user, String password) throws Exception {
        try (V3Device d = V3Device.connect(uri, clientId, user, password)) {
            throw new AssertionError(clientId + " was accepted over MQTT 3.1.1");
        } catch (ConnectRefused e) {
            return e.code;
        }
    }

    private int refusalV5(String clientId, String user, String password) throws Exception {
        try (V5Device d = V5Device.connect(uri, clientId, user, password)) {
            throw new AssertionError(clientId + " was accepted over MQTT 5");
        } catch (ConnectRefused e) {
            return e.code;
        }
    }

    private static String validClaims(String deviceId) {
        long now = now();
        return JwtDevice.claims(now, now + 1200, audience(deviceId), deviceId, null);
    }

    private static String audience(String deviceId) {
        return JwtDevice.AUDIENCE_PREFIX + deviceId;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
