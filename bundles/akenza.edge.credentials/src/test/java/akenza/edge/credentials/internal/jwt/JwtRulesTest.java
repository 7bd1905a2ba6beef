// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.TestKeys;
import akenza.edge.credentials.internal.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JWT rule, with real tokens signed by keys the test makes (RSA 2048 and EC P-256). */
class JwtRulesTest {

    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec();
    private static final KeyPair OTHER_RSA = TestKeys.rsa();

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private CredentialsEngine engine;

    @BeforeEach
    void setUp() {
        TestKeys.writeKeyFile(keys, "rsa-dev", TestKeys.certificate(RSA, "rsa-dev"));
        TestKeys.writeKeyFile(keys, "ec-dev", TestKeys.certificate(EC, "ec-dev"));
        TestKeys.writeKeyFile(keys, "other-dev", TestKeys.spki(OTHER_RSA));
        engine = engine(CredentialsSettings.defaults(keys).withThrottling(0, Duration.ofSeconds(60),
                Duration.ofSeconds(300)));
    }

    private CredentialsEngine engine(CredentialsSettings settings) {
        return new CredentialsEngine(settings, clock, new AuthCounters());
    }

    private Instant now() {
        return clock.instant();
    }

    private AuthResult connect(String clientId, String token) {
        return engine.decide(Requests.jwt(clientId, token));
    }

    private static void assertRefused(AuthResult result, RefusalReason reason, String detail) {
        AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class, result);
        assertEquals(reason, refused.reason(), refused.detail());
        if (detail != null) {
            assertEquals(detail, refused.detail());
        }
    }

    @Test
    void validRs256IsAcceptedWithExpiryPlusSkew() {
        Instant exp = now().plus(Duration.ofMinutes(20));
        AuthResult result = connect("rsa-dev", Tokens.forDevice(RSA, now(), "rsa-dev").exp(exp).sign());
        AuthResult.Accepted accepted = assertInstanceOf(AuthResult.Accepted.class, result);
        assertEquals("rsa-dev", accepted.identity().id());
        assertEquals(AuthMethod.JWT, accepted.identity().method());
        assertEquals(exp.plus(Duration.ofMinutes(10)), accepted.identity().expiresAt());
    }

    @Test
    void validEs256IsAccepted() {
        AuthResult result = connect("ec-dev", Tokens.forDevice(EC, now(), "ec-dev").sub("ec-dev").sign());
        assertEquals("ec-dev", assertInstanceOf(AuthResult.Accepted.class, result).identity().id());
    }

    @Test
    void identityHasNoExpiryWhenDisconnectOnExpiryIsOff() {
        engine = engine(CredentialsSettings.defaults(keys).withDisconnectOnExpiry(false));
        AuthResult result = connect("ec-dev", Tokens.forDevice(EC, now(), "ec-dev").sign());
        assertNull(assertInstanceOf(AuthResult.Accepted.class, result).identity().expiresAt());
    }

    @Test
    void expiredTokenIsRefused() {
        String token = Tokens.forDevice(RSA, now().minus(Duration.ofHours(2)), "rsa-dev")
                .exp(now().minus(Duration.ofMinutes(11))).sign();
        assertRefused(connect("rsa-dev", token), RefusalReason.BAD_CREDENTIALS, "token expired");
    }

    @Test
    void tokenExpiredWithinSkewIsStillAccepted() {
        String token = Tokens.forDevice(EC, now().minus(Duration.ofHours(1)), "ec-dev")
                .exp(now().minus(Duration.ofMinutes(9))).sign();
        assertInstanceOf(AuthResult.Accepted.class, connect("ec-dev", token));
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() {
        String token = Tokens.forDevice(EC, now().plus(Duration.ofMinutes(11)), "ec-dev").sign();
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "iat in the future");
    }

    @Test
    void tokenLivingLongerThanTheMaximumIsRefused() {
        String token = Tokens.forDevice(RSA, now(), "rsa-dev").exp(now().plus(Duration.ofHours(24).plusSeconds(1)))
                .sign();
        assertRefused(connect("rsa-dev", token), RefusalReason.BAD_CREDENTIALS, "lifetime too long");
        String ok = Tokens.forDevice(RSA, now(), "rsa-dev").exp(now().plus(Duration.ofHours(24))).sign();
        assertInstanceOf(AuthResult.Accepted.class, connect("rsa-dev", ok));
    }

    @Test
    void missingExpOrIatIsRefused() {
        assertRefused(connect("ec-dev", Tokens.forDevice(EC, now(), "ec-dev").exp(null).sign()),
                RefusalReason.BAD_CREDENTIALS, "exp missing");
        assertRefused(connect("ec-dev", Tokens.forDevice(EC, now(), "ec-dev").iat(null).sign()),
                RefusalReason.BAD_CREDENTIALS, "iat missing");
    }

    @Test
    void wrongAudienceIsRefused() {
        String token = Tokens.forDevice(EC, now(), "ec-dev").aud("https://akenza.io/devices/somebody-else").sign();
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "wrong aud");
        String cloud = Tokens.forDevice(EC, now(), "ec-dev").aud("https://other.example/devices/ec-dev").sign();
        assertRefused(connect("ec-dev", cloud), RefusalReason.BAD_CREDENTIALS, "wrong aud");
    }

    @Test
    void missingAudienceIsAcceptedUnlessRequired() {
        String token = Tokens.forDevice(EC, now(), "ec-dev").aud(null).sign();
        assertInstanceOf(AuthResult.Accepted.class, connect("ec-dev", token));
        engine = engine(CredentialsSettings.defaults(keys).withAudienceRequired(true));
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "aud missing");
    }

    @Test
    void wrongSubjectIsRefused() {
        String token = Tokens.forDevice(EC, now(), "ec-dev").sub("not-registered").sign();
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "wrong sub");
    }

    @Test
    void unknownDeviceIsRefused() {
        String token = Tokens.forDevice(EC, now(), "nobody").sign();
        assertRefused(connect("nobody", token), RefusalReason.BAD_CREDENTIALS, "unknown device");
    }

    @Test
    void unsafeClientIdsAreRefusedWithoutTouchingFiles() {
        String token = Tokens.forDevice(EC, now(), "ec-dev").aud(null).sign();
        for (String id : new String[] { "../ec-dev", "a/b", ".hidden", "ec-dev\u0000", "" }) {
            assertInstanceOf(AuthResult.Refused.class, connect(id, token), id);
        }
    }

    @Test
    void tokenOfAnotherDeviceIsRefusedAsWrongClientId() {
        // A valid token of rsa-dev presented with client id ec-dev: named by aud...
        String byAud = Tokens.forDevice(RSA, now(), "rsa-dev").sign();
        assertRefused(connect("ec-dev", byAud), RefusalReason.CLIENT_ID_INVALID, null);
        // ... or by sub, from a client id that has no keys at all.
        String bySub = Tokens.forDevice(RSA, now(), "rsa-dev").aud(null).sub("rsa-dev").sign();
        assertRefused(connect("some-client", bySub), RefusalReason.CLIENT_ID_INVALID, null);
        // sub names another registered device whose key did sign, and aud fits this client id.
        String mixed = Tokens.forDevice(OTHER_RSA, now(), "rsa-dev").aud(null).sub("other-dev").sign();
        assertRefused(connect("rsa-dev", mixed), RefusalReason.CLIENT_ID_INVALID, null);
    }

    @Test
    void algNoneIsRefused() {
        String token = Tokens.compact("{\"alg\":\"none\",\"typ\":\"JWT\"}", payload("ec-dev"), "");
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "alg not allowed");
        String upper = Tokens.compact("{\"alg\":\"NONE\"}", payload("ec-dev"), "");
        assertRefused(connect("ec-dev", upper), RefusalReason.BAD_CREDENTIALS, "alg not allowed");
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        String signingInput = Tokens.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Tokens.b64(payload("rsa-dev"));
        for (byte[] secret : new byte[][] { TestKeys.pem(TestKeys.spki(RSA)).getBytes(StandardCharsets.US_ASCII),
                RSA.getPublic().getEncoded() }) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String token = signingInput + "."
                    + Tokens.b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            assertRefused(connect("rsa-dev", token), RefusalReason.BAD_CREDENTIALS, "alg not allowed");
        }
    }

    @Test
    void es384AndPs256AreRefused() {
        KeyPair p384 = TestKeys.ec("secp384r1");
        TestKeys.writeKeyFile(keys, "p384-dev", TestKeys.certificate(p384, "p384-dev"));
        assertRefused(connect("p384-dev", Tokens.forDevice(p384, now(), "p384-dev").alg("ES384").sign()),
                RefusalReason.BAD_CREDENTIALS, "alg not allowed");
        assertRefused(connect("rsa-dev", Tokens.forDevice(RSA, now(), "rsa-dev").alg("PS256").sign()),
                RefusalReason.BAD_CREDENTIALS, "alg not allowed");
    }

    @Test
    void algMustMatchTheKeyType() {
        // ES256 header on a device that only has an RSA key.
        KeyPair ec = TestKeys.ec();
        assertRefused(connect("rsa-dev", Tokens.forDevice(ec, now(), "rsa-dev").sign()),
                RefusalReason.BAD_CREDENTIALS, "alg does not match key");
    }

    @Test
    void tamperedSignatureOrPayloadIsRefused() {
        String token = Tokens.forDevice(RSA, now(), "rsa-dev").sign();
        int lastDot = token.lastIndexOf('.');
        char c = token.charAt(lastDot + 5);
        String badSignature = token.substring(0, lastDot + 5) + (c == 'A' ? 'B' : 'A') + token.substring(lastDot + 6);
        assertRefused(connect("rsa-dev", badSignature), RefusalReason.BAD_CREDENTIALS, "bad signature");

        String[] parts = token.split("\\.");
        String longer = payloadWithExp("rsa-dev", now().plus(Duration.ofHours(5)));
        String badPayload = parts[0] + "." + Tokens.b64(longer) + "." + parts[2];
        assertRefused(connect("rsa-dev", badPayload), RefusalReason.BAD_CREDENTIALS, "bad signature");

        String ecToken = Tokens.forDevice(EC, now(), "ec-dev").sign();
        String ecParts[] = ecToken.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(ecParts[2]);
        sig[10] ^= 1;
        assertRefused(connect("ec-dev", ecParts[0] + "." + ecParts[1] + "." + Tokens.b64(sig)),
                RefusalReason.BAD_CREDENTIALS, "bad signature");
    }

    @Test
    void unknownKidIsRefused() {
        String token = Tokens.forDevice(RSA, now(), "rsa-dev").kid("00".repeat(32)).sign();
        assertRefused(connect("rsa-dev", token), RefusalReason.BAD_CREDENTIALS, "unknown kid");
    }

    @Test
    void kidSelectsTheRightKeyAmongTwo() {
        KeyPair next = TestKeys.rsa();
        TestKeys.writeKeyFile(keys, "rotating", TestKeys.certificate(RSA, "rotating"), TestKeys.certificate(next, "r"));
        assertInstanceOf(AuthResult.Accepted.class,
                connect("rotating", Tokens.forDevice(next, now(), "rotating").kid(TestKeys.kid(next)).sign()));
        assertInstanceOf(AuthResult.Accepted.class,
                connect("rotating", Tokens.forDevice(RSA, now(), "rotating").kid(TestKeys.kid(RSA)).sign()));
        // Without kid every key is tried.
        assertInstanceOf(AuthResult.Accepted.class, connect("rotating", Tokens.forDevice(next, now(), "rotating").sign()));
        // A kid naming the other key of the device does not verify.
        assertRefused(connect("rotating", Tokens.forDevice(next, now(), "rotating").kid(TestKeys.kid(RSA)).sign()),
                RefusalReason.BAD_CREDENTIALS, "bad signature");
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        String huge = Tokens.compact("{\"alg\":\"RS256\"}", "{\"pad\":\"" + "x".repeat(9000) + "\"}", "AAAA");
        long checksBefore = engine.jwt().signatureChecks();
        assertRefused(connect("rsa-dev", huge), RefusalReason.BAD_CREDENTIALS, "token too large");
        assertEquals(checksBefore, engine.jwt().signatureChecks());
        // Not even the precheck on the network thread lets it through.
        assertRefused(engine.precheck(Requests.jwt("rsa-dev", huge)).orElseThrow(), RefusalReason.BAD_CREDENTIALS,
                "token too large");
    }

    @Test
    void garbageAndMissingPasswordsAreRefused() {
        assertRefused(connect("rsa-dev", "not a token"), RefusalReason.BAD_CREDENTIALS, null);
        assertRefused(connect("rsa-dev", "a.b.c"), RefusalReason.BAD_CREDENTIALS, "malformed token");
        assertRefused(engine.decide(Requests.connect("rsa-dev", null, null, "127.0.0.1")),
                RefusalReason.BAD_CREDENTIALS, "no password");
        String crit = Tokens.compact("{\"alg\":\"RS256\",\"crit\":[\"exp\"]}", payload("rsa-dev"), "AAAA");
        assertRefused(connect("rsa-dev", crit), RefusalReason.BAD_CREDENTIALS, "header not allowed");
    }

    @Test
    void cacheHitAvoidsReverification() {
        String token = Tokens.forDevice(EC, now(), "ec-dev").sign();
        assertInstanceOf(AuthResult.Accepted.class, connect("ec-dev", token));
        long checks = engine.jwt().signatureChecks();
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(AuthResult.Accepted.class, connect("ec-dev", token));
        }
        assertEquals(checks, engine.jwt().signatureChecks());
        assertEquals(5, engine.jwt().cacheHits());
        // The same token under another client id is not a cache hit.
        assertRefused(connect("rsa-dev", token), RefusalReason.CLIENT_ID_INVALID, null);
        // The cached entry dies with the token.
        clock.advance(Duration.ofMinutes(71));
        assertRefused(connect("ec-dev", token), RefusalReason.BAD_CREDENTIALS, "token expired");
        assertEquals(5, engine.jwt().cacheHits());
    }

    private String payload(String deviceId) {
        return payloadWithExp(deviceId, now().plus(Duration.ofMinutes(30)));
    }

    private String payloadWithExp(String deviceId, Instant exp) {
        return "{\"iat\":" + now().getEpochSecond() + ",\"exp\":" + exp.getEpochSecond()
                + ",\"aud\":\"https://akenza.io/devices/" + deviceId + "\"}";
    }
}
