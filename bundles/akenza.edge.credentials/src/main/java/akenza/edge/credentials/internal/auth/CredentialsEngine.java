// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceRegistration;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.api.log.LogText;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.connector.ConnectorSet;
import akenza.edge.credentials.internal.connector.SecretConnector;
import akenza.edge.credentials.internal.jwt.CompactJws;
import akenza.edge.credentials.internal.jwt.JwtAuthenticator;
import akenza.edge.credentials.internal.keys.KeyRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication rules for one configuration: connector secret or JWT, throttling, counting and the
 * log line. Synchronous; {@link AsyncAuthenticator} moves the costly part off the network threads.
 *
 * <p>Routing: a user name equal to a configured connector id means a connector-secret check; otherwise a
 * password that looks like a compact JWS means JWT device credentials; anything else is refused.
 */
public final class CredentialsEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsEngine.class);
    /** An address is refused after this many times {@code auth.failures.max} failures, whoever they claimed. */
    public static final int ADDRESS_FACTOR = 10;

    private final CredentialsSettings settings;
    private final KeyRegistry registry;
    private final ConnectorSet connectors;
    private final JwtAuthenticator jwt;
    /** Failures per claimed identity and address: one failing device does not lock out its neighbours. */
    private final AuthThrottle throttle;
    /** Failures per address across identities: a brute force from one address is slowed all the same. */
    private final AuthThrottle addressThrottle;
    private final AuthCounters counters;

    /**
     * @param settings the configuration
     * @param clock the time source (injectable for tests)
     * @param counters counters shared across configurations
     */
    public CredentialsEngine(CredentialsSettings settings, Clock clock, AuthCounters counters) {
        this.settings = settings;
        this.registry = new KeyRegistry(settings.keysDir());
        this.connectors = new ConnectorSet(settings.connectors().stream()
                .map(c -> c.excludingDevicesWithKeys(registry::hasKeyFiles)).toList());
        this.jwt = new JwtAuthenticator(settings, registry, clock);
        this.throttle = new AuthThrottle(settings.failuresMax(), settings.failuresWindow(), settings.cooldown(), clock);
        this.addressThrottle = new AuthThrottle(settings.failuresMax() * ADDRESS_FACTOR, settings.failuresWindow(),
                settings.cooldown(), clock);
        this.counters = counters;
    }

    /** @return the configuration */
    public CredentialsSettings settings() {
        return settings;
    }

    /** @return the device key registry */
    public KeyRegistry registry() {
        return registry;
    }

    /** @return the JWT part, for its counters */
    public JwtAuthenticator jwt() {
        return jwt;
    }

    /**
     * The checks cheap enough for a network thread: a throttled address, an oversized token.
     *
     * @param request the CONNECT
     * @return a refusal, or empty when the full check must run
     */
    public Optional<AuthResult> precheck(ConnectRequest request) {
        if (isThrottled(request, claimedIdentity(request))) {
            return Optional.of(finish(request, AuthResult.refused(RefusalReason.THROTTLED, "too many failures")));
        }
        if (connectors.byId(request.username()).isEmpty() && request.passwordLength() > settings.maxTokenSize()) {
            return Optional.of(finish(request, AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "token too large")));
        }
        return Optional.empty();
    }

    /**
     * The whole decision, signature checks included: call it off the network threads.
     *
     * @param request the CONNECT
     * @return the result, already counted and logged
     */
    public AuthResult decide(ConnectRequest request) {
        Optional<AuthResult> early = precheck(request);
        if (early.isPresent()) {
            return early.get();
        }
        AuthResult result;
        try {
            result = check(request);
        } catch (RuntimeException e) {
            LOG.warn("Authentication of client {} failed internally: {}", LogText.of(request.clientId()),
                    e.getClass().getName());
            result = AuthResult.refused(RefusalReason.UNAVAILABLE, "internal error");
        }
        return finish(request, result);
    }

    private AuthResult check(ConnectRequest request) {
        Optional<SecretConnector> connector = connectors.byId(request.username());
        if (connector.isPresent()) {
            if (!request.hasPassword()) {
                return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "no password");
            }
            return connector.get().secretMatches(request.password())
                    ? AuthResult.accepted(DeviceIdentity.connector(connector.get()))
                    : AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "wrong secret");
        }
        if (!request.hasPassword()) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "no password");
        }
        byte[] password = request.password();
        if (!CompactJws.looksLike(password)) {
            return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "unknown connector, or password not a JWT");
        }
        return jwt.authenticate(request.clientId(), new String(password, StandardCharsets.US_ASCII));
    }

    private AuthResult finish(ConnectRequest request, AuthResult result) {
        String client = LogText.of(request.clientId());
        String address = addressOf(request);
        if (result instanceof AuthResult.Accepted accepted) {
            counters.accepted(accepted.identity().method());
            LOG.debug("Accepted client {} from {} as {}", client, address, accepted.identity());
            return result;
        }
        AuthResult.Refused refused = (AuthResult.Refused) result;
        counters.refused(refused.reason());
        switch (refused.reason()) {
        case BAD_CREDENTIALS, CLIENT_ID_INVALID, NOT_AUTHORIZED -> {
            LOG.info("Refused client {} from {}: {} ({})", client, address, refused.detail(), refused.reason());
            recordFailure(request, claimedIdentity(request));
        }
        case THROTTLED -> LOG.debug("Refused client {} from throttled address {}", client, address);
        default -> LOG.info("Refused client {} from {}: {} ({})", client, address, refused.detail(), refused.reason());
        }
        return result;
    }

    /**
     * Who a CONNECT claims to be, for throttling: the connector for a connector id, the device for a JWT,
     * else the user name.
     */
    private String claimedIdentity(ConnectRequest request) {
        if (connectors.byId(request.username()).isPresent()) {
            return "connector:" + request.username();
        }
        if (request.hasPassword() && request.passwordLength() <= settings.maxTokenSize()
                && CompactJws.looksLike(request.password())) {
            return "device:" + request.clientId();
        }
        return "user:" + request.username();
    }

    /**
     * Whether a password check must be refused unseen: its claimed identity failed too often from this address,
     * or this address failed too often whoever it claimed to be.
     *
     * @param request the CONNECT
     * @param claimed who it claims to be (see {@link #claimedIdentity})
     * @return whether it is throttled
     */
    public boolean isThrottled(ConnectRequest request, String claimed) {
        String address = addressOf(request);
        return throttle.isBlocked(claimed + "@" + address) || addressThrottle.isBlocked(address);
    }

    /**
     * Counts a failed password check towards both throttles.
     *
     * @param request the CONNECT
     * @param claimed who it claimed to be
     */
    public void recordFailure(ConnectRequest request, String claimed) {
        String address = addressOf(request);
        if (throttle.recordFailure(claimed + "@" + address)) {
            counters.throttleStarted();
            LOG.warn("Throttling {} from {} for {} s after {} failed authentications", LogText.of(claimed), address,
                    settings.cooldown().toSeconds(), settings.failuresMax());
        }
        if (addressThrottle.recordFailure(address)) {
            counters.throttleStarted();
            LOG.warn("Throttling address {} for {} s after {} failed authentications of any identity", address,
                    settings.cooldown().toSeconds(), settings.failuresMax() * ADDRESS_FACTOR);
        }
    }

    /**
     * The broker's own password checks (local-application accounts) go through the same throttle.
     *
     * @param request the CONNECT
     * @return a refusal when the account is throttled from this address
     */
    public Optional<AuthResult> throttleLocal(ConnectRequest request) {
        if (isThrottled(request, "user:" + request.username())) {
            counters.refused(RefusalReason.THROTTLED);
            return Optional.of(AuthResult.refused(RefusalReason.THROTTLED, "too many failures"));
        }
        return Optional.empty();
    }

    /**
     * @param request a CONNECT the broker checked itself
     * @param result its outcome; a refusal counts as a failure of {@code user:<name>} from the address
     */
    public void recordLocal(ConnectRequest request, AuthResult result) {
        if (result instanceof AuthResult.Refused refused && refused.reason() == RefusalReason.BAD_CREDENTIALS) {
            recordFailure(request, "user:" + request.username());
        }
    }

    /**
     * A client id that names a device with key files (active or revoked) belongs to that device alone.
     *
     * @param identity an accepted identity
     * @param clientId its client id
     * @return whether the identity may use the client id
     */
    public boolean mayUseClientId(DeviceIdentity identity, String clientId) {
        if (identity.method() == AuthMethod.JWT && identity.id().equals(clientId)) {
            return true;
        }
        return registry.keysOf(clientId).isEmpty();
    }

    /**
     * @param deviceId a device id
     * @return how the device authenticates; empty when it has no keys and no connector allows it
     */
    public Optional<DeviceRegistration> lookup(String deviceId) {
        if (deviceId == null) {
            return Optional.empty();
        }
        boolean hasKeys = registry.keysOf(deviceId).map(k -> !k.active().isEmpty()).orElse(false);
        List<Connector> allowing = new ArrayList<>(connectors.allowing(deviceId));
        if (!hasKeys && allowing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRegistration(deviceId, hasKeys, allowing));
    }

    /**
     * @param component the component name for the report
     * @param extra counters from outside the engine (the executor)
     * @return a snapshot; cheap, reads no files
     */
    public ComponentStatus status(String component, Map<String, Long> extra) {
        Map<String, String> problems = registry.problems();
        Map<String, Long> counts = new TreeMap<>(counters.snapshot());
        counts.putAll(extra);
        counts.put("jwt.signature.checks", jwt.signatureChecks());
        counts.put("jwt.cache.hits", jwt.cacheHits());
        counts.put("jwt.cache.size", (long) jwt.cacheSize());
        counts.put("throttle.blocked.addresses", (long) addressThrottle.blockedAddresses());
        counts.put("throttle.blocked.identities", (long) throttle.blockedAddresses());
        counts.put("keys.bad.files", (long) problems.size());
        counts.put("connectors", (long) connectors.size());
        Map<String, String> details = new TreeMap<>();
        details.put("keys.dir", registry.directory().toString());
        problems.forEach((file, problem) -> details.put("keys.problem." + file, problem));
        Health health = problems.isEmpty() ? Health.OK : Health.DEGRADED;
        String summary = problems.isEmpty() ? connectors.size() + " connector(s), keys in " + registry.directory()
                : problems.size() + " bad key file(s) in " + registry.directory();
        return new ComponentStatus(component, health, summary, counts, details, null);
    }

    private static String addressOf(ConnectRequest request) {
        var socket = request.remoteAddress();
        return socket.getAddress() != null ? socket.getAddress().getHostAddress() : socket.getHostString();
    }
}
