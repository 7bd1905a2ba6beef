// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.keys.PemKeyReader;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.Tokens;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands: provision, list, revoke, end to end through the authentication rules. */
class DeviceCommandsTest {

    private static final Pattern TOKEN = Pattern.compile("-P (\\S+) -t /up/device/id/(\\S+) -m '\\{\"foo\":\"bar\"\\}'");

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.now());
    private CredentialsEngine engine;
    private DeviceCommands commands;

    @BeforeEach
    void setUp() {
        CredentialsSettings settings = CredentialsSettings.defaults(keys).withThrottling(0, Duration.ofSeconds(60),
                Duration.ofSeconds(300));
        engine = new CredentialsEngine(settings, clock, new AuthCounters());
        commands = new DeviceCommands(settings, engine.registry(), clock);
    }

    @Test
    void provisionedEcDeviceConnectsWithThePrintedTokenAndKey() throws Exception {
        String out = commands.provision("sensor-1", "ec", 30);
        assertTrue(Files.exists(keys.resolve("sensor-1.pem")));
        String token = tokenFrom(out, "sensor-1");
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("sensor-1", token)));

        Claims claims = Jwts.parser().verifyWith(engine.registry().keysOf("sensor-1").orElseThrow().active().get(0).key())
                .build().parseSignedClaims(token).getPayload();
        assertEquals(Duration.ofMinutes(30), Duration.between(claims.getIssuedAt().toInstant(),
                claims.getExpiration().toInstant()));
        assertEquals(Set.of("https://akenza.io/devices/sensor-1"), claims.getAudience());

        // The printed private key signs tokens the gateway accepts.
        PrivateKey key = privateKeyFrom(out);
        String own = Tokens.forDevice(new KeyPair(null, key), clock.instant(), "sensor-1")
                .sign();
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("sensor-1", own)));
        String line = "\nmosquitto_pub -i sensor-1 -u unused -P " + token
                + " -t /up/device/id/sensor-1 -m '{\"foo\":\"bar\"}'\n";
        assertTrue(out.contains(line), out);
    }

    @Test
    void provisionedRsaDeviceWithDefaultsAndRotation() {
        String first = tokenFrom(commands.provision("plc-7", "rsa", DeviceCommands.DEFAULT_TOKEN_MINUTES), "plc-7");
        String second = tokenFrom(commands.provision("plc-7", "rsa", 5), "plc-7");
        assertEquals(2, engine.registry().keysOf("plc-7").orElseThrow().active().size());
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("plc-7", first)));
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("plc-7", second)));

        String listing = commands.devices();
        assertTrue(listing.contains("plc-7"), listing);
        assertTrue(listing.contains("RSA-2048 kid="), listing);
        assertTrue(listing.contains("certificate expires"), listing);
        assertFalse(listing.contains("PRIVATE"), listing);
    }

    @Test
    void revokingAllOrOneKeyRefusesItsTokensAsNotAuthorized() {
        String first = tokenFrom(commands.provision("dev", "ec", 60), "dev");
        String second = tokenFrom(commands.provision("dev", "ec", 60), "dev");
        var active = engine.registry().keysOf("dev").orElseThrow().active();
        String firstKid = active.get(0).kid();

        String out = commands.revoke("dev", firstKid.toUpperCase(Locale.ROOT));
        assertTrue(out.startsWith("Revoked 1 key(s)"), out);
        assertRefused(engine.decide(Requests.jwt("dev", first)), RefusalReason.NOT_AUTHORIZED);
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("dev", second)));
        assertTrue(commands.devices().contains("REVOKED EC P-256 kid=" + firstKid));

        assertTrue(commands.revoke("dev", null).startsWith("Revoked 1 key(s)"));
        assertFalse(Files.exists(keys.resolve("dev.pem")));
        assertRefused(engine.decide(Requests.jwt("dev", second)), RefusalReason.NOT_AUTHORIZED);
        assertEquals(2, engine.registry().keysOf("dev").orElseThrow().revoked().size());
        assertTrue(engine.lookup("dev").isEmpty(), "a revoked device has no keys for the directory");

        assertTrue(commands.revoke("dev", null).contains("no active keys"));
        assertTrue(commands.revoke("dev", "abcd").contains("no active key with kid"));
        assertTrue(commands.revoke("../etc", null).startsWith("Not a valid device id"));
    }

    @Test
    void badArgumentsAreExplained() {
        assertTrue(commands.provision("a/b", "ec", 60).startsWith("Not a valid device id"));
        // One device-id rule: an id no topic can carry is not provisioned (it could log in but never publish).
        assertTrue(commands.provision("sensor+1", "ec", 60).startsWith("Not a valid device id"));
        assertFalse(Files.exists(keys.resolve("sensor+1.pem")));
        assertTrue(commands.provision("ok", "dsa", 60).startsWith("Unknown key type"));
        assertTrue(commands.provision("ok", "ec", 60 * 25).startsWith("Cannot provision"));
        assertTrue(commands.provision("ok", "ec", 0).startsWith("Cannot provision"));
        assertFalse(Files.exists(keys.resolve("ok.pem")));
        assertTrue(commands.devices().contains("No devices with keys."));
    }

    @Test
    void provisionedCertificateIsReadBackWithTheKidShown() throws Exception {
        String out = commands.provision("kid-dev", null, 10);
        var read = PemKeyReader.read(keys.resolve("kid-dev.pem"));
        assertEquals(1, read.keys().size());
        assertTrue(out.contains("(kid " + read.keys().get(0).kid() + ")"), out);
        assertFalse(Files.readString(keys.resolve("kid-dev.pem")).contains("PRIVATE"));
    }

    private static String tokenFrom(String output, String deviceId) {
        Matcher m = TOKEN.matcher(output);
        assertTrue(m.find(), output);
        assertEquals(deviceId, m.group(2));
        return m.group(1);
    }

    private static PrivateKey privateKeyFrom(String output) throws Exception {
        int start = output.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = output.indexOf("-----END PRIVATE KEY-----") + "-----END PRIVATE KEY-----".length();
        try (PEMParser p = new PEMParser(new StringReader(output.substring(start, end)))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject());
        }
    }

    private static void assertRefused(AuthResult result, RefusalReason reason) {
        assertEquals(reason, assertInstanceOf(AuthResult.Refused.class, result).reason());
    }
}
