// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.keys.DeviceKeys;
import akenza.edge.credentials.internal.keys.KeyRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * akenza's JWT device credentials: client id = device id, password = a compact JWS signed with one of the
 * device's registered keys.
 *
 * <p>When the token is not valid for the client id but is fully valid for the device its {@code sub} or
 * {@code aud} names, the refusal says the client id is wrong rather than the credentials.
 */
public final class JwtAuthenticator {

    private final CredentialsSettings settings;
    private final KeyRegistry registry;
    private final TokenVerifier verifier;
    private final TokenCache cache;
    private final LongAdder cacheHits = new LongAdder();

    /**
     * @param settings the JWT rules
     * @param registry the device keys
     * @param clock the time source
     */
    public JwtAuthenticator(CredentialsSettings settings, KeyRegistry registry, Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.verifier = new TokenVerifier(settings, clock);
        this.cache = new TokenCache(settings.cacheSize(), clock);
    }

    /**
     * @param clientId the MQTT client id, which must be the device id
     * @param token the password, already known to look like a compact JWS and to fit the size cap
     * @return the result
     */
    public AuthResult authenticate(String clientId, String token) {
        Optional<CompactJws> parsed = CompactJws.parse(token);
        if (parsed.isEmpty()) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "malformed token");
        }
        CompactJws jws = parsed.get();
        if (!TokenVerifier.isAllowedAlgorithm(jws.algorithm().orElse(""))) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "alg not allowed");
        }
        if (jws.hasUnsupportedHeader()) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "header not allowed");
        }
        if (!DeviceIds.isValid(clientId)) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "unknown device");
        }
        Optional<DeviceKeys> keys = registry.keysOf(clientId);
        String cacheKey = TokenCache.keyOf(clientId, token);
        if (keys.isPresent()) {
            TokenCache.Entry hit = cache.get(cacheKey, keys.get());
            if (hit != null) {
                cacheHits.increment();
                return accepted(clientId, hit.expiresAt());
            }
        }
        JwtOutcome outcome = verifier.verify(clientId, jws, keys);
        if (outcome instanceof JwtOutcome.Valid valid) {
            if (valid.subject() != null && !valid.subject().equals(clientId)) {
                return otherDevice(valid.subject(), jws).orElse(
                        AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "wrong sub"));
            }
            cache.put(cacheKey, new TokenCache.Entry(valid.expiresAt().plus(settings.clockSkew()), valid.expiresAt(),
                    keys.get()));
            return accepted(clientId, valid.expiresAt());
        }
        JwtOutcome.Invalid invalid = (JwtOutcome.Invalid) outcome;
        if (invalid.reason() == RefusalReason.BAD_CREDENTIALS) {
            Optional<String> named = namedDevice(jws).filter(id -> !id.equals(clientId));
            if (named.isPresent()) {
                Optional<AuthResult> other = otherDevice(named.get(), jws);
                if (other.isPresent()) {
                    return other.get();
                }
            }
        }
        return AuthResult.refused(invalid.reason(), invalid.detail());
    }

    /** @return CLIENT_ID_INVALID when the token is fully valid for that other device */
    private Optional<AuthResult> otherDevice(String deviceId, CompactJws jws) {
        if (!DeviceIds.isValid(deviceId)) {
            return Optional.empty();
        }
        JwtOutcome outcome = verifier.verify(deviceId, jws, registry.keysOf(deviceId));
        if (outcome instanceof JwtOutcome.Valid valid
                && (valid.subject() == null || valid.subject().equals(deviceId))) {
            return Optional.of(AuthResult.refused(RefusalReason.CLIENT_ID_INVALID, "client id is not the device id"));
        }
        return Optional.empty();
    }

    /** The device the unverified claims name: {@code sub}, else the id in an {@code aud} that fits the template. */
    private Optional<String> namedDevice(CompactJws jws) {
        Optional<String> sub = jws.unverifiedSubject();
        if (sub.isPresent()) {
            return sub;
        }
        String template = settings.audienceTemplate();
        int at = template.indexOf(CredentialsSettings.DEVICE_ID_PLACEHOLDER);
        if (at < 0) {
            return Optional.empty();
        }
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + CredentialsSettings.DEVICE_ID_PLACEHOLDER.length());
        return jws.unverifiedAudience()
                .filter(aud -> aud.length() > prefix.length() + suffix.length() && aud.startsWith(prefix)
                        && aud.endsWith(suffix))
                .map(aud -> aud.substring(prefix.length(), aud.length() - suffix.length()));
    }

    private AuthResult accepted(String deviceId, Instant exp) {
        Instant expiresAt = settings.disconnectOnExpiry() ? exp.plus(settings.clockSkew()) : null;
        return AuthResult.accepted(DeviceIdentity.jwt(deviceId, expiresAt));
    }

    /** @return signature verifications run so far */
    public long signatureChecks() {
        return verifier.signatureChecks();
    }

    /** @return connects answered from the cache */
    public long cacheHits() {
        return cacheHits.sum();
    }

    /** @return tokens currently cached */
    public int cacheSize() {
        return cache.size();
    }
}
