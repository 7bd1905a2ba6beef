// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.TestKeys;
import akenza.edge.credentials.internal.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key directory: files picked up without restart, bad files isolated, unsafe ids refused. */
class KeyRegistryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));

    /**
     * A connector's devices are looked up on every PUBLISH: "no key files" is believed for a second, a key file
     * counts as soon as an exact lookup (a JWT connect, the key watcher) saw it, and the memory stays bounded.
     */
    @Test
    void aDeviceWithoutKeyFilesIsRememberedBrieflyAndForgottenOnceItsFileIsSeen() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        KeyRegistry registry = new KeyRegistry(dir, now::get);
        assertFalse(registry.hasKeyFiles("dev-1"));

        TestKeys.writeKeyFile(dir, "dev-1", TestKeys.certificate(TestKeys.ec(), "dev-1"));
        assertFalse(registry.hasKeyFiles("dev-1"), "within the second the earlier answer stands");
        now.addAndGet(KeyRegistry.NO_FILES_TRUSTED_NANOS);
        assertTrue(registry.hasKeyFiles("dev-1"), "after it the file is seen");

        TestKeys.writeKeyFile(dir, "dev-2", TestKeys.certificate(TestKeys.ec(), "dev-2"));
        assertTrue(registry.keysOf("dev-2").isPresent());
        assertTrue(registry.hasKeyFiles("dev-2"));
        Files.delete(dir.resolve("dev-2.pem"));
        assertTrue(registry.keysOf("dev-2").isEmpty());
        assertFalse(registry.hasKeyFiles("dev-2"));
        TestKeys.writeKeyFile(dir, "dev-2", TestKeys.certificate(TestKeys.ec(), "dev-2"));
        assertTrue(registry.keysOf("dev-2").isPresent(), "an exact lookup sees the new file");
        assertTrue(registry.hasKeyFiles("dev-2"), "and the remembered absence is gone at once");

        for (int i = 0; i < KeyRegistry.NO_FILES_REMEMBERED + 10; i++) {
            assertFalse(registry.hasKeyFiles("many-" + i));
        }
        assertTrue(registry.rememberedWithoutFiles() <= KeyRegistry.NO_FILES_REMEMBERED);
        TestKeys.writeKeyFile(dir, "many-0", TestKeys.certificate(TestKeys.ec(), "many-0"));
        assertTrue(registry.hasKeyFiles("many-0"), "forgotten when the memory started afresh: looked up again");
    }

    @Test
    void keyFileAddedChangedAndRemovedIsPickedUpWithoutRestart() throws Exception {
        CredentialsEngine engine = new CredentialsEngine(CredentialsSettings.defaults(dir)
                .withThrottling(0, Duration.ofSeconds(1), Duration.ofSeconds(1)), clock, new AuthCounters());
        KeyPair first = TestKeys.ec();
        KeyPair second = TestKeys.rsa();
        String firstToken = Tokens.forDevice(first, clock.instant(), "dev-1").sign();
        String secondToken = Tokens.forDevice(second, clock.instant(), "dev-1").sign();

        assertRefused(engine.decide(Requests.jwt("dev-1", firstToken)), "unknown device");

        TestKeys.writeKeyFile(dir, "dev-1", TestKeys.certificate(first, "dev-1"));
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("dev-1", firstToken)));

        // Changed: the cached acceptance of the first token must not survive the key change.
        TestKeys.writeKeyFile(dir, "dev-1", TestKeys.certificate(second, "dev-1"));
        assertRefused(engine.decide(Requests.jwt("dev-1", firstToken)), "alg does not match key");
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("dev-1", secondToken)));

        Files.delete(dir.resolve("dev-1.pem"));
        assertRefused(engine.decide(Requests.jwt("dev-1", secondToken)), "unknown device");
    }

    @Test
    void aBadFileIsReportedAndDoesNotStopTheOthers() throws Exception {
        KeyPair good = TestKeys.ec();
        TestKeys.writeKeyFile(dir, "good", TestKeys.certificate(good, "good"));
        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n"
                + "-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("empty.pem"), "");
        KeyPair p384 = TestKeys.ec("secp384r1");
        TestKeys.writeKeyFile(dir, "weak", TestKeys.certificate(p384, "weak"), TestKeys.certificate(good, "weak"));
        TestKeys.writeKeyFile(dir, "private", new JcaPKCS8Generator(good.getPrivate(), null).generate());

        KeyRegistry registry = new KeyRegistry(dir);
        List<DeviceKeys> all = registry.scan();
        assertEquals(List.of("empty", "garbage", "good", "private", "weak"),
                all.stream().map(DeviceKeys::deviceId).toList());
        assertEquals(1, registry.keysOf("good").orElseThrow().active().size());
        assertEquals(1, registry.keysOf("weak").orElseThrow().active().size(), "the usable key of a mixed file");
        assertTrue(registry.keysOf("garbage").orElseThrow().active().isEmpty());

        var problems = registry.problems();
        assertEquals(List.of("empty.pem", "garbage.pem", "private.pem", "weak.pem"), List.copyOf(problems.keySet()));
        assertTrue(problems.get("private.pem").contains("private key ignored"), problems.toString());
        assertTrue(problems.get("weak.pem").contains("unsupported key type"), problems.toString());
        assertFalse(problems.values().stream().anyMatch(p -> p.contains("BEGIN")));

        CredentialsEngine engine = new CredentialsEngine(CredentialsSettings.defaults(dir), clock, new AuthCounters());
        engine.registry().scan();
        assertInstanceOf(AuthResult.Accepted.class,
                engine.decide(Requests.jwt("good", Tokens.forDevice(good, clock.instant(), "good").sign())));
        var status = engine.status("pid", Map.of());
        assertEquals(akenza.edge.api.status.Health.DEGRADED, status.health());
        assertEquals(4L, status.counters().get("keys.bad.files"));
        assertNotNull(status.details().get("keys.problem.garbage.pem"));

        // Fixing a file clears its problem.
        TestKeys.writeKeyFile(dir, "garbage", TestKeys.certificate(good, "garbage"));
        registry.keysOf("garbage");
        assertNull(registry.problems().get("garbage.pem"));
    }

    @Test
    void publicKeyFilesAndCertificatesGiveTheKidOfTheirSubjectPublicKeyInfo() {
        KeyPair ec = TestKeys.ec();
        KeyPair rsa = TestKeys.rsa(4096);
        PemKeyReader.Result result = PemKeyReader.parse(TestKeys.pem(TestKeys.spki(ec), TestKeys.certificate(rsa, "x")));
        assertEquals(List.of(), result.problems());
        assertEquals(TestKeys.kid(ec), result.keys().get(0).kid());
        assertEquals(KeyKind.EC_P256, result.keys().get(0).kind());
        assertNull(result.keys().get(0).notAfter());
        assertEquals(TestKeys.kid(rsa), result.keys().get(1).kid());
        assertEquals("RSA-4096", result.keys().get(1).typeLabel());
        assertNotNull(result.keys().get(1).notAfter());
    }

    @Test
    void rsaKeysOutsideTwoToFourThousandBitsAreRefused() {
        PemKeyReader.Result small = PemKeyReader.parse(TestKeys.pem(TestKeys.spki(TestKeys.rsa(1024))));
        assertTrue(small.keys().isEmpty());
        assertTrue(small.problems().get(0).contains("unsupported key type"));
    }

    @Test
    void unsafeDeviceIdsNeverReachTheFileSystem() throws Exception {
        Files.writeString(dir.resolve("secret.pem"), TestKeys.pem(TestKeys.spki(TestKeys.ec())));
        Path nested = Files.createDirectories(dir.resolve("sub"));
        KeyRegistry registry = new KeyRegistry(nested);
        for (String id : new String[] { "../secret", "..", ".", "a/b", "a\\b", "nul\u0000", "with space", "",
                "x".repeat(201), "a*b", "a|b", null }) {
            assertFalse(DeviceIds.isValid(id), String.valueOf(id));
            assertTrue(registry.keysOf(id).isEmpty(), String.valueOf(id));
        }
        assertTrue(DeviceIds.isValid("0123456789ABCDEF"));
        assertTrue(DeviceIds.isValid("sensor-1_a.b@site"));
        assertTrue(DeviceIds.isValid("70:b3:d5:7e:d0:00:12:34"));
    }

    @Test
    void unchangedFilesAreNotReRead() throws Exception {
        TestKeys.writeKeyFile(dir, "dev", TestKeys.certificate(TestKeys.ec(), "dev"));
        KeyRegistry registry = new KeyRegistry(dir);
        DeviceKeys first = registry.keysOf("dev").orElseThrow();
        assertSame(first, registry.keysOf("dev").orElseThrow());
    }

    @Test
    void aSameSizeRewriteWithinOneTimestampTickIsStillSeen() throws Exception {
        KeyPair a = TestKeys.ec();
        KeyPair b = TestKeys.ec();
        Path file = TestKeys.writeKeyFile(dir, "racy", TestKeys.spki(a));
        var tick = Files.getLastModifiedTime(file);
        KeyRegistry registry = new KeyRegistry(dir);
        assertEquals(TestKeys.kid(a), registry.keysOf("racy").orElseThrow().active().get(0).kid());

        // Same inode, same size, same modification time: only the content differs.
        Files.writeString(file, TestKeys.pem(TestKeys.spki(b)));
        Files.setLastModifiedTime(file, tick);
        assertEquals(TestKeys.kid(b), registry.keysOf("racy").orElseThrow().active().get(0).kid());
    }

    private static void assertRefused(AuthResult result, String detail) {
        AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class, result);
        assertEquals(RefusalReason.BAD_CREDENTIALS, refused.reason());
        assertEquals(detail, refused.detail());
    }
}
