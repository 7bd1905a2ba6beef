// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.TestKeys;
import akenza.edge.credentials.internal.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component as Kura drives it: properties in, Password attributes decrypted, answers off-thread. */
class DeviceCredentialsTest {

    private static final String SECRET = "zq0x9c8v7b6n5m4l3k2j1h0g9f8d7s6a";

    /** Stands in for Kura's AES: "ENC:" + base64; anything else fails to decrypt, as plain text does on Kura. */
    private static final CryptoService CRYPTO = new CryptoService() {
        @Override
        public char[] encryptAes(char[] value) {
            return ("ENC:" + Base64.getEncoder().encodeToString(new String(value).getBytes(StandardCharsets.UTF_8)))
                    .toCharArray();
        }

        @Override
        public char[] decryptAes(char[] value) throws KuraException {
            String s = new String(value);
            if (!s.startsWith("ENC:")) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR);
            }
            return new String(Base64.getDecoder().decode(s.substring(4)), StandardCharsets.UTF_8).toCharArray();
        }
    };

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final DeviceCredentialsComponent component = new DeviceCredentialsComponent(clock);

    @AfterEach
    void tearDown() {
        component.deactivate();
    }

    private Map<String, Object> properties() throws KuraException {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", DeviceCredentialsComponent.PID);
        p.put("kura.service.pid", DeviceCredentialsComponent.PID);
        p.put("jwt.keys.dir", keys.toString());
        p.put("jwt.max.lifetime", 3600L);
        p.put("jwt.clock.skew", "60");
        p.put("connector.1.id", "4fd2a0c1b3e5d7f9");
        p.put("connector.1.secret", new String(CRYPTO.encryptAes(SECRET.toCharArray())));
        p.put("connector.1.devices", "dev-a, dev-b");
        p.put("connector.2.id", "plain-connector");
        p.put("connector.2.secret", "plain-secret-value");
        p.put("auth.failures.max", 2);
        return p;
    }

    private AuthResult await(akenza.edge.api.auth.ConnectRequest request) throws Exception {
        return component.authenticate(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void passwordAttributesAreDecryptedWithTheCryptoServiceOrTakenPlain() throws Exception {
        component.bindCryptoService(CRYPTO);
        component.activate(properties());
        AuthResult result = await(Requests.connect("app", "4fd2a0c1b3e5d7f9", SECRET, "10.1.1.1"));
        var identity = assertInstanceOf(AuthResult.Accepted.class, result).identity();
        assertEquals(AuthMethod.CONNECTOR_SECRET, identity.method());
        assertTrue(identity.connector().allowsDevice("dev-b"));
        assertInstanceOf(AuthResult.Accepted.class,
                await(Requests.connect("app", "plain-connector", "plain-secret-value", "10.1.1.1")));
        assertEquals(2, component.lookup("dev-a").orElseThrow().connectors().size());
        assertEquals(1, component.lookup("dev-z").orElseThrow().connectors().size());
    }

    @Test
    void cryptoServiceArrivingLateReappliesTheConfiguration() throws Exception {
        component.activate(properties());
        // Without Kura's crypto service the stored ciphertext is taken as the secret...
        assertInstanceOf(AuthResult.Refused.class, await(Requests.connect("a", "4fd2a0c1b3e5d7f9", SECRET, "10.1.1.2")));
        component.bindCryptoService(CRYPTO);
        assertInstanceOf(AuthResult.Accepted.class, await(Requests.connect("a", "4fd2a0c1b3e5d7f9", SECRET, "10.1.1.3")));
        component.unbindCryptoService(CRYPTO);
    }

    @Test
    void jwtAuthenticationRunsOffTheCallersThreadAndUsesTheConfiguredRules() throws Exception {
        KeyPair pair = TestKeys.ec();
        TestKeys.writeKeyFile(keys, "dev-1", TestKeys.certificate(pair, "dev-1"));
        component.activate(properties());
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        String token = Tokens.forDevice(pair, clock.instant(), "dev-1").exp(clock.instant().plusSeconds(1800)).sign();
        AuthResult result = component.authenticate(Requests.jwt("dev-1", token)).whenComplete((r, e) -> completedOn
                .set(Thread.currentThread())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        var identity = assertInstanceOf(AuthResult.Accepted.class, result).identity();
        assertEquals(clock.instant().plusSeconds(1800 + 60), identity.expiresAt(), "exp + configured skew");
        // A worker that finishes before whenComplete is attached runs the callback here: that says nothing. Only a
        // synchronous authenticator completes on this thread every time, so try a few times.
        for (int i = 0; i < 50 && Thread.currentThread().equals(completedOn.get()); i++) {
            component.authenticate(Requests.jwt("dev-1", token)).whenComplete((r, e) -> completedOn
                    .set(Thread.currentThread())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertNotEquals(Thread.currentThread(), completedOn.get());

        // jwt.max.lifetime = 3600 s applies.
        String tooLong = Tokens.forDevice(pair, clock.instant(), "dev-1").exp(clock.instant().plusSeconds(3601)).sign();
        assertEquals("lifetime too long",
                assertInstanceOf(AuthResult.Refused.class, await(Requests.jwt("dev-1", tooLong))).detail());
        assertTrue(component.lookup("dev-1").orElseThrow().hasKeys());
    }

    @Test
    void statusReportsCountersAndReconfigurationKeepsThem() throws Exception {
        component.activate(properties());
        await(Requests.connect("a", "plain-connector", "wrong", "10.1.1.4"));
        await(Requests.connect("a", "plain-connector", "wrong", "10.1.1.4"));
        assertEquals(RefusalReason.THROTTLED, assertInstanceOf(AuthResult.Refused.class,
                await(Requests.connect("a", "plain-connector", "plain-secret-value", "10.1.1.4"))).reason());
        ComponentStatus status = component.status();
        assertEquals(DeviceCredentialsComponent.PID, status.component());
        assertEquals(Health.OK, status.health());
        assertEquals(2L, status.counters().get("auth.refused.bad_credentials"));
        assertEquals(1L, status.counters().get("auth.refused.throttled"));
        assertEquals(keys.toAbsolutePath().normalize().toString(), status.details().get("keys.dir"));

        Map<String, Object> changed = properties();
        changed.put("auth.failures.max", 0);
        component.modified(changed);
        assertInstanceOf(AuthResult.Accepted.class,
                await(Requests.connect("a", "plain-connector", "plain-secret-value", "10.1.1.4")));
        assertEquals(2L, component.status().counters().get("auth.refused.bad_credentials"));
        assertEquals(1L, component.status().counters().get("auth.accepted.connector_secret"));
    }

    @Test
    void inactiveComponentAnswersUnavailable() throws Exception {
        component.activate(properties());
        component.deactivate();
        AuthResult result = component.authenticate(Requests.connect("a", "plain-connector", "plain-secret-value",
                "10.1.1.5")).toCompletableFuture().getNow(null);
        assertEquals(RefusalReason.UNAVAILABLE, assertInstanceOf(AuthResult.Refused.class, result).reason());
        assertEquals(Health.IDLE, component.status().health());
        assertTrue(component.devices().contains("not active"));
    }

    @Test
    void gogoCommandsAreServedByTheComponent() throws Exception {
        component.activate(properties());
        String out = component.provision("gw-dev");
        assertTrue(out.contains("-----BEGIN PRIVATE KEY-----"), out);
        assertTrue(component.devices().contains("gw-dev"));
        assertTrue(component.provision("gw-dev", "rsa", 90).startsWith("Cannot provision"), "90 min > 3600 s max");
        assertTrue(component.revoke("gw-dev").startsWith("Revoked 1 key(s)"));
    }

    @Test
    void settingsToleratesKuraTypesAndFallBackOnBadValues() {
        Map<String, Object> p = new HashMap<>();
        p.put("jwt.keys.dir", new String[] { keys.toString() });
        p.put("jwt.audience.required", "true");
        p.put("jwt.max.token.size", "lots");
        p.put("jwt.clock.skew", -5);
        p.put("connector.3.id", "no-secret");
        CredentialsSettings s = CredentialsSettings.read(new ConfigReader(p), v -> v);
        assertEquals(keys, s.keysDir());
        assertTrue(s.audienceRequired());
        assertEquals(8192, s.maxTokenSize());
        assertEquals(Duration.ofMinutes(10), s.clockSkew());
        assertEquals(0, s.connectors().size(), "a connector without secret is ignored");
        assertEquals(CredentialsSettings.DEFAULT_AUDIENCE, s.audienceTemplate());
        assertEquals(Duration.ofHours(24), s.maxLifetime());
        assertEquals(10, s.failuresMax());
    }

    /** The bad-value rule every component follows: default used, WARN line, DEGRADED, cleared by a good value. */
    @Test
    void aBadValueTakesItsDefaultIsLoggedAndDegradesTheStatusUntilAGoodValueReplacesIt() throws Exception {
        Map<String, Object> bad = properties();
        bad.put("jwt.max.lifetime", 30L);
        bad.put("connector.2.secret", "");
        component.activate(bad);
        ComponentStatus status = component.status();
        assertEquals(Health.DEGRADED, status.health());
        String errors = status.details().get("config.errors");
        assertTrue(errors.contains("jwt.max.lifetime = '30' rejected: must be from 60 to 2147483647; using the "
                + "default 86400"), errors);
        assertTrue(errors.contains("connector.2.secret = '****' rejected: must be set for connector "
                + "'plain-connector'; slot 2 is ignored"), errors);
        // the default lifetime (24 h) applies: a 90-minute token may be provisioned
        assertTrue(component.provision("rule-dev", "ec", 90).startsWith("Device rule-dev provisioned"));
        String log = Files.readString(Path.of("target", "credentials-test.log"));
        assertTrue(log.contains("WARN akenza.edge.credentials.internal.DeviceCredentialsComponent - "
                + "akenza.edge.credentials.DeviceCredentials configuration: jwt.max.lifetime = '30' rejected"), log);

        component.modified(properties());
        status = component.status();
        assertEquals(Health.OK, status.health(), status.toString());
        assertTrue(!status.details().containsKey("config.errors"), status.toString());
        assertTrue(component.provision("rule-dev-2", "ec", 90).startsWith("Cannot provision"), "3600 s max again");
    }

    @Test
    void defaultKeyDirectoryIsUnderTheHome() {
        String before = System.getProperty("akenza.edge.home");
        System.setProperty("akenza.edge.home", keys.toString());
        try {
            assertEquals(keys.resolve("devices"),
                    CredentialsSettings.read(new ConfigReader(Map.of()), v -> v).keysDir());
        } finally {
            if (before == null) {
                System.clearProperty("akenza.edge.home");
            } else {
                System.setProperty("akenza.edge.home", before);
            }
        }
    }

    @Test
    void metatypeDefaultsMatchTheSettingsDefaults() throws Exception {
        CredentialsSettings d = CredentialsSettings.defaults(keys);
        Map<String, Object> defaults = new HashMap<>();
        for (var m : DeviceCredentialsConfig.class.getDeclaredMethods()) {
            defaults.put(m.getName().replace('_', '.'), m.getDefaultValue());
        }
        defaults.put("jwt.keys.dir", keys.toString());
        assertEquals(d, CredentialsSettings.read(new ConfigReader(defaults), v -> v));
    }
}
