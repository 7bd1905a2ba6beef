// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.keys.DeviceKeys;
import akenza.edge.credentials.internal.keys.KeyKind;
import akenza.edge.credentials.internal.keys.RegisteredKey;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks a token against one device's keys: the header's algorithm against each key's type, the signature
 * with jjwt, then akenza's claim rules ({@code iat}, {@code exp}, lifetime, {@code aud}).
 */
public final class TokenVerifier {

    private final CredentialsSettings settings;
    private final Clock clock;
    // qualified: jjwt's Clock shares its simple name with the imported java.time.Clock
    private final io.jsonwebtoken.Clock jjwtClock;
    private final LongAdder signatureChecks = new LongAdder();

    /**
     * @param settings the JWT rules
     * @param clock the time source (injectable for tests)
     */
    public TokenVerifier(CredentialsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.jjwtClock = () -> Date.from(clock.instant());
    }

    /** @return how many signature verifications ran (cache misses cost one or more) */
    public long signatureChecks() {
        return signatureChecks.sum();
    }

    /**
     * @param deviceId the device the token must be valid for
     * @param jws the parsed token, whose {@code alg} is already known to be RS256 or ES256
     * @param keys the device's keys, or empty when it has none
     * @return the outcome
     */
    public JwtOutcome verify(String deviceId, CompactJws jws, Optional<DeviceKeys> keys) {
        if (keys.isEmpty() || !keys.get().isKnown()) {
            return JwtOutcome.bad("unknown device");
        }
        String alg = jws.algorithm().orElse("");
        Optional<String> kid = jws.keyId();
        List<RegisteredKey> active = select(keys.get().active(), kid);
        List<RegisteredKey> revoked = select(keys.get().revoked(), kid);
        if (active.isEmpty() && revoked.isEmpty()) {
            return JwtOutcome.bad("unknown kid");
        }
        List<RegisteredKey> activeFit = fitting(active, alg);
        List<RegisteredKey> revokedFit = fitting(revoked, alg);
        if (activeFit.isEmpty() && revokedFit.isEmpty()) {
            return JwtOutcome.bad("alg does not match key");
        }
        for (RegisteredKey key : activeFit) {
            Optional<JwtOutcome> outcome = tryKey(deviceId, jws, key);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        for (RegisteredKey key : revokedFit) {
            Optional<JwtOutcome> outcome = tryKey(deviceId, jws, key);
            if (outcome.isPresent()) {
                // Only a token that would otherwise be accepted is told apart as revoked.
                return outcome.get() instanceof JwtOutcome.Valid ? new JwtOutcome.Invalid(RefusalReason.NOT_AUTHORIZED,
                        "key revoked") : outcome.get();
            }
        }
        return JwtOutcome.bad("bad signature");
    }

    /** @return empty when the signature does not verify with this key; otherwise the outcome */
    private Optional<JwtOutcome> tryKey(String deviceId, CompactJws jws, RegisteredKey key) {
        Jws<Claims> parsed;
        signatureChecks.increment();
        try {
            parsed = Jwts.parser().verifyWith(key.key()).clock(jjwtClock)
                    .clockSkewSeconds(settings.clockSkew().toSeconds()).build().parseSignedClaims(jws.token());
        } catch (ExpiredJwtException e) {
            return Optional.of(JwtOutcome.bad("token expired"));
        } catch (PrematureJwtException e) {
            return Optional.of(JwtOutcome.bad("token not yet valid"));
        } catch (SecurityException e) {
            return Optional.empty();
        } catch (JwtException | IllegalArgumentException e) {
            // jjwt's messages may quote token parts: only the type is reported.
            return Optional.of(JwtOutcome.bad("malformed token"));
        }
        try {
            return Optional.of(checkClaims(deviceId, parsed.getPayload()));
        } catch (RuntimeException e) {
            return Optional.of(JwtOutcome.bad("bad claims"));
        }
    }

    private JwtOutcome checkClaims(String deviceId, Claims claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpiration();
        Date iat = claims.getIssuedAt();
        if (exp == null) {
            return JwtOutcome.bad("exp missing");
        }
        if (iat == null) {
            return JwtOutcome.bad("iat missing");
        }
        Duration skew = settings.clockSkew();
        if (iat.toInstant().isAfter(now.plus(skew))) {
            return JwtOutcome.bad("iat in the future");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            return JwtOutcome.bad("token expired");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant()).compareTo(settings.maxLifetime()) > 0) {
            return JwtOutcome.bad("lifetime too long");
        }
        Set<String> audience = claims.getAudience();
        if (audience == null || audience.isEmpty()) {
            if (settings.audienceRequired()) {
                return JwtOutcome.bad("aud missing");
            }
        } else if (!audience.contains(settings.audienceFor(deviceId))) {
            return JwtOutcome.bad("wrong aud");
        }
        return new JwtOutcome.Valid(exp.toInstant(), claims.getSubject());
    }

    private static List<RegisteredKey> select(List<RegisteredKey> keys, Optional<String> kid) {
        if (kid.isEmpty()) {
            return keys;
        }
        List<RegisteredKey> result = new ArrayList<>(1);
        for (RegisteredKey key : keys) {
            if (key.kid().equalsIgnoreCase(kid.get())) {
                result.add(key);
            }
        }
        return result;
    }

    private static List<RegisteredKey> fitting(List<RegisteredKey> keys, String alg) {
        List<RegisteredKey> result = new ArrayList<>(keys.size());
        for (RegisteredKey key : keys) {
            if (key.kind().algorithm().equals(alg)) {
                result.add(key);
            }
        }
        return result;
    }

    /**
     * @param alg a header {@code alg}
     * @return whether it is one akenza accepts at all (RS256, ES256)
     */
    public static boolean isAllowedAlgorithm(String alg) {
        for (KeyKind kind : KeyKind.values()) {
            if (kind.algorithm().equals(alg)) {
                return true;
            }
        }
        return false;
    }
}
