// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceRegistration;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.TestKeys;
import akenza.edge.credentials.internal.testing.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uplink-secret connectors: user name = connector id, password = secret; allow-lists; the device directory. */
class ConnectorAuthTest {

    private static final String SECRET = "k3v9q2x7m1p0z8r4t6y5w2e9u1i3o7a0";
    private static final String RESTRICTED_SECRET = "q9w8e7r6t5y4u3i2o1p0a9s8d7f6g5h4";

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));

    private CredentialsEngine engine() {
        SecretConnector open = new SecretConnector("4fd2a0c1b3e5d7f9", SECRET, Set.of());
        SecretConnector restricted = new SecretConnector("0123456789abcdef", RESTRICTED_SECRET, Set.of("dev-a", "dev-b"));
        return new CredentialsEngine(CredentialsSettings.defaults(keys).withConnectors(List.of(open, restricted))
                .withThrottling(0, Duration.ofSeconds(60), Duration.ofSeconds(300)), clock, new AuthCounters());
    }

    @Test
    void rightSecretIsAcceptedWithTheConnectorInTheIdentity() {
        AuthResult result = engine().decide(Requests.connect("any-client", "4fd2a0c1b3e5d7f9", SECRET, "10.0.0.5"));
        DeviceIdentity identity = assertInstanceOf(AuthResult.Accepted.class, result).identity();
        assertEquals(AuthMethod.CONNECTOR_SECRET, identity.method());
        assertEquals("4fd2a0c1b3e5d7f9", identity.id());
        assertEquals(null, identity.expiresAt());
        assertTrue(identity.connector().secretMatches(SECRET));
        assertFalse(identity.connector().toString().contains(SECRET));
    }

    @Test
    void wrongSecretIsRefused() {
        CredentialsEngine engine = engine();
        for (String wrong : new String[] { SECRET.substring(1), SECRET + "x", "", RESTRICTED_SECRET,
                SECRET.toUpperCase(Locale.ROOT) }) {
            AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class,
                    engine.decide(Requests.connect("c", "4fd2a0c1b3e5d7f9", wrong, "10.0.0.5")));
            assertEquals(RefusalReason.BAD_CREDENTIALS, refused.reason());
            assertEquals("wrong secret", refused.detail());
        }
        assertEquals(RefusalReason.BAD_CREDENTIALS, assertInstanceOf(AuthResult.Refused.class,
                engine.decide(Requests.connect("c", "4fd2a0c1b3e5d7f9", null, "10.0.0.5"))).reason());
    }

    @Test
    void unknownConnectorIsRefused() {
        AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class,
                engine().decide(Requests.connect("c", "ffffffffffffffff", SECRET, "10.0.0.5")));
        assertEquals(RefusalReason.BAD_CREDENTIALS, refused.reason());
    }

    @Test
    void allowListLimitsDevicesNotConnects() {
        CredentialsEngine engine = engine();
        DeviceIdentity identity = assertInstanceOf(AuthResult.Accepted.class,
                engine.decide(Requests.connect("gateway-app", "0123456789abcdef", RESTRICTED_SECRET, "10.0.0.6")))
                .identity();
        assertTrue(identity.connector().allowsDevice("dev-a"));
        assertFalse(identity.connector().allowsDevice("dev-c"));
    }

    @Test
    void secretMatchesComparesWholeSecrets() {
        SecretConnector c = new SecretConnector("id", SECRET, Set.of());
        assertTrue(c.secretMatches(SECRET));
        assertTrue(c.secretMatches(new StringBuilder(SECRET)));
        assertFalse(c.secretMatches(SECRET.substring(0, 31)));
        assertFalse(c.secretMatches((CharSequence) null));
        assertFalse(c.secretMatches("device"));
        assertSame(SECRET, c.secret());
        assertFalse(c.toString().contains(SECRET));
    }

    @Test
    void secretMatchesCheckEachCandidateOnItsOwnWhenRepeatedAndConcurrent() throws Exception {
        // Each call compares its own candidate bytes: no call may see another's input.
        SecretConnector c = new SecretConnector("id", "s\u00e9cr\u00e8t-\u20ac", Set.of());
        assertTrue(c.secretMatches("s\u00e9cr\u00e8t-\u20ac"));
        assertTrue(c.secretMatches(new StringBuilder("s\u00e9cr\u00e8t-\u20ac")));
        assertFalse(c.secretMatches("secret-\u20ac"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                boolean right = i % 2 == 0;
                String candidate = right ? "s\u00e9cr\u00e8t-\u20ac" : "wrong-" + i;
                results.add(pool.submit(() -> c.secretMatches(candidate) == right));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void directoryListsKeysAndAllowingConnectors() {
        TestKeys.writeKeyFile(keys, "dev-a", TestKeys.certificate(TestKeys.ec(), "dev-a"));
        CredentialsEngine engine = engine();
        DeviceRegistration a = engine.lookup("dev-a").orElseThrow();
        assertTrue(a.hasKeys());
        // dev-a has keys of its own: only the connector whose allow-list names it may speak for it.
        assertEquals(List.of("0123456789abcdef"), a.connectors().stream().map(c -> c.id()).toList());
        DeviceRegistration c = engine.lookup("dev-c").orElseThrow();
        assertFalse(c.hasKeys());
        assertEquals(List.of("4fd2a0c1b3e5d7f9"), c.connectors().stream().map(x -> x.id()).toList());

        CredentialsEngine noConnectors = new CredentialsEngine(CredentialsSettings.defaults(keys), clock,
                new AuthCounters());
        assertTrue(noConnectors.lookup("dev-c").isEmpty());
        assertTrue(noConnectors.lookup("dev-a").orElseThrow().connectors().isEmpty());
        assertTrue(noConnectors.lookup("../dev-a").isEmpty());
    }

    @Test
    void aConnectorWithoutAllowListIsNotADeviceWithKeys() {
        TestKeys.writeKeyFile(keys, "dev-k", TestKeys.certificate(TestKeys.ec(), "dev-k"));
        CredentialsEngine engine = engine();
        var accepted = assertInstanceOf(AuthResult.Accepted.class,
                engine.decide(Requests.connect("any-client", "4fd2a0c1b3e5d7f9", SECRET, "10.0.0.8")));
        var connector = accepted.identity().connector();
        assertFalse(connector.allowsDevice("dev-k"), "a shared secret must not override a device's own key");
        assertTrue(connector.allowsDevice("dev-without-keys"));
        // Its client id belongs to the device: no connector may use it, the device itself may.
        assertFalse(engine.mayUseClientId(accepted.identity(), "dev-k"));
        assertTrue(engine.mayUseClientId(accepted.identity(), "dev-without-keys"));
        assertTrue(engine.mayUseClientId(akenza.edge.api.auth.DeviceIdentity.jwt("dev-k", null), "dev-k"));
        // Removing the key file frees the id again.
        assertTrue(keys.resolve("dev-k.pem").toFile().delete());
        assertTrue(connector.allowsDevice("dev-k"));
    }

    @Test
    void userNameThatIsNoConnectorFallsThroughToJwt() {
        var pair = TestKeys.ec();
        TestKeys.writeKeyFile(keys, "dev-jwt", TestKeys.certificate(pair, "dev-jwt"));
        String token = Tokens.forDevice(pair, clock.instant(), "dev-jwt").sign();
        assertInstanceOf(AuthResult.Accepted.class,
                engine().decide(Requests.connect("dev-jwt", "not-a-connector", token, "10.0.0.7")));
    }
}
