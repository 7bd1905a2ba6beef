// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.connector.SecretConnector;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins per claimed identity and address, and per address: the cooldown kicks in after N failures in the
 * window and expires; one failing identity does not lock out others behind the same address, a brute force across
 * identities from one address is slowed all the same (issue 11, holes 3 and 10).
 */
class ThrottlingTest {

    private static final String SECRET = "s0m3s3cr3tv4lu3f0rth3c0nn3ct0r1";

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));

    private CredentialsEngine engine(int max) {
        return new CredentialsEngine(CredentialsSettings.defaults(keys)
                .withConnectors(List.of(new SecretConnector("conn", SECRET, Set.of())))
                .withThrottling(max, Duration.ofSeconds(60), Duration.ofSeconds(300)), clock, new AuthCounters());
    }

    private static RefusalReason refusal(AuthResult result) {
        return result instanceof AuthResult.Refused r ? r.reason() : null;
    }

    @Test
    void throttlingKicksInAfterTheLimitAndExpiresAfterTheCooldown() {
        CredentialsEngine engine = engine(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(RefusalReason.BAD_CREDENTIALS,
                    refusal(engine.decide(Requests.connect("c", "conn", "wrong", "192.0.2.1"))));
        }
        // Even the right secret is refused now, and so is the cheap precheck.
        assertEquals(RefusalReason.THROTTLED, refusal(engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.1"))));
        assertEquals(RefusalReason.THROTTLED,
                refusal(engine.precheck(Requests.connect("c", "conn", SECRET, "192.0.2.1")).orElseThrow()));
        // Other addresses are not affected.
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.2")));

        ComponentStatus status = engine.status("test", Map.of());
        assertEquals(1L, status.counters().get("throttle.blocked.identities"));
        assertEquals(0L, status.counters().get("throttle.blocked.addresses"));
        assertEquals(1L, status.counters().get("auth.throttle.started"));
        assertEquals(2L, status.counters().get("auth.refused.throttled"));

        clock.advance(Duration.ofSeconds(299));
        assertEquals(RefusalReason.THROTTLED, refusal(engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.1"))));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.1")));
        assertEquals(0L, engine.status("test", Map.of()).counters().get("throttle.blocked.identities"));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        CredentialsEngine engine = engine(3);
        for (int i = 0; i < 10; i++) {
            assertEquals(RefusalReason.BAD_CREDENTIALS,
                    refusal(engine.decide(Requests.connect("c", "conn", "wrong", "192.0.2.3"))));
            if (i % 2 == 1) {
                clock.advance(Duration.ofSeconds(61));
            }
        }
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.3")));
    }

    @Test
    void zeroDisablesThrottling() {
        CredentialsEngine engine = engine(0);
        for (int i = 0; i < 50; i++) {
            engine.decide(Requests.connect("c", "conn", "wrong", "192.0.2.4"));
        }
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.4")));
    }

    @Test
    void throttleTracksABoundedNumberOfAddresses() {
        AuthThrottle throttle = new AuthThrottle(1, Duration.ofSeconds(60), Duration.ofSeconds(300), clock);
        for (int i = 0; i < AuthThrottle.MAX_TRACKED + 100; i++) {
            throttle.recordFailure("addr-" + i);
        }
        assertEquals(AuthThrottle.MAX_TRACKED, throttle.blockedAddresses());
        assertFalse(throttle.isBlocked("addr-0"));
        assertTrue(throttle.isBlocked("addr-" + (AuthThrottle.MAX_TRACKED + 99)));
    }

    @Test
    void aDeviceRetryingAnExpiredTokenDoesNotLockOutItsNeighbours() {
        CredentialsEngine engine = engine(3);
        // A gateway without NTP: the same device keeps failing from the shared address of a protocol converter.
        for (int i = 0; i < 20; i++) {
            engine.decide(
                    Requests.connect("clockless", "unused", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbG9ja2xlc3MifQ.c2ln", "192.0.2.9"));
        }
        assertEquals(RefusalReason.THROTTLED, refusal(engine.decide(
                Requests.connect("clockless", "unused", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbG9ja2xlc3MifQ.c2ln", "192.0.2.9"))));
        // The connector's clients behind the same address still get in.
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.9")));
    }

    @Test
    void aBruteForceAcrossIdentitiesFromOneAddressIsStillSlowed() {
        CredentialsEngine engine = engine(3);
        int perAddress = 3 * CredentialsEngine.ADDRESS_FACTOR;
        for (int i = 0; i < perAddress; i++) {
            engine.decide(Requests.connect("guess-" + i, "unused", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "192.0.2.10"));
        }
        // Every identity is refused from that address now, the right secret included...
        assertEquals(RefusalReason.THROTTLED,
                refusal(engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.10"))));
        assertEquals(1L, engine.status("test", Map.of()).counters().get("throttle.blocked.addresses"));
        // ...but not from another address.
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.connect("c", "conn", SECRET, "192.0.2.11")));
    }

    @Test
    void theBrokersLocalAccountPasswordsCountTowardsTheSameThrottle() {
        CredentialsEngine engine = engine(3);
        var request = Requests.connect("app", "nodered", "wrong", "192.0.2.12");
        for (int i = 0; i < 3; i++) {
            assertTrue(engine.throttleLocal(request).isEmpty());
            engine.recordLocal(request, AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "wrong password"));
        }
        assertEquals(RefusalReason.THROTTLED, refusal(engine.throttleLocal(
                Requests.connect("app", "nodered", "right", "192.0.2.12")).orElseThrow()));
        assertTrue(engine.throttleLocal(Requests.connect("app", "other-app", "x", "192.0.2.12")).isEmpty());
    }
}
