// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import akenza.edge.api.log.LogText;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.home.HomeDirectory;
import akenza.edge.credentials.internal.connector.SecretConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The credentials component's configuration, parsed and with secrets decrypted.
 *
 * @param keysDir the device key directory
 * @param audienceTemplate the expected {@code aud}, with {@code {deviceId}} standing for the device id
 * @param audienceRequired whether tokens without {@code aud} are refused
 * @param maxLifetime the longest {@code exp - iat} accepted
 * @param clockSkew tolerance for {@code iat} and {@code exp}
 * @param disconnectOnExpiry whether the identity carries the token expiry (the broker then closes the session)
 * @param maxTokenSize the largest token in bytes, checked before parsing
 * @param cacheSize the number of verified tokens remembered
 * @param connectors the uplink-secret connectors
 * @param failuresMax failures per address within the window that trigger the cooldown; 0 disables throttling
 * @param failuresWindow the window failures are counted in
 * @param cooldown how long a throttled address is refused
 */
public record CredentialsSettings(Path keysDir, String audienceTemplate, boolean audienceRequired,
        Duration maxLifetime, Duration clockSkew, boolean disconnectOnExpiry, int maxTokenSize, int cacheSize,
        List<SecretConnector> connectors, int failuresMax, Duration failuresWindow, Duration cooldown) {

    /** The placeholder in the audience template. */
    public static final String DEVICE_ID_PLACEHOLDER = "{deviceId}";
    /** akenza's audience. */
    public static final String DEFAULT_AUDIENCE = "https://akenza.io/devices/" + DEVICE_ID_PLACEHOLDER;
    /** Number of connector slots in the metatype. */
    public static final int CONNECTOR_SLOTS = 3;

    /** Checks the fields and copies the connector list. */
    public CredentialsSettings {
        Objects.requireNonNull(keysDir, "keysDir");
        Objects.requireNonNull(audienceTemplate, "audienceTemplate");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(failuresWindow, "failuresWindow");
        Objects.requireNonNull(cooldown, "cooldown");
        connectors = List.copyOf(connectors);
    }

    /**
     * @param keysDir the device key directory
     * @return the metatype defaults with that key directory and no connectors
     */
    public static CredentialsSettings defaults(Path keysDir) {
        return new CredentialsSettings(keysDir, DEFAULT_AUDIENCE, false, Duration.ofHours(24), Duration.ofMinutes(10),
                true, 8192, 10_000, List.of(), 10, Duration.ofSeconds(60), Duration.ofSeconds(300));
    }

    /**
     * Reads the component properties (names as in {@link DeviceCredentialsConfig}, {@code _} = {@code .}) with
     * the one bad-value rule: a bad value is replaced by its default and recorded in the reader's problems.
     *
     * @param r the component properties
     * @param decrypt turns a stored Password value into the plain secret
     * @return the settings
     */
    public static CredentialsSettings read(ConfigReader r, UnaryOperator<String> decrypt) {
        CredentialsSettings d = defaults(Path.of("."));
        Path dir = r.path("jwt.keys.dir");
        Path home = HomeDirectory.resolve();
        Path keysDir = dir == null ? home.resolve("devices") : dir.isAbsolute() ? dir : home.resolve(dir);
        List<SecretConnector> connectors = new ArrayList<>();
        for (int i = 1; i <= CONNECTOR_SLOTS; i++) {
            String prefix = "connector." + i + ".";
            String id = r.string(prefix + "id", "");
            if (id.isEmpty()) {
                continue; // unused slot; a secret left there is ignored
            }
            String secret = r.password(prefix + "secret", decrypt);
            if (secret.isEmpty()) {
                r.rejectSecret(prefix + "secret", "must be set for connector '" + LogText.of(id) + "'; slot " + i
                        + " is ignored");
                continue;
            }
            connectors.add(new SecretConnector(id, secret, new LinkedHashSet<>(r.list(prefix + "devices"))));
        }
        int max = Integer.MAX_VALUE;
        return new CredentialsSettings(keysDir, r.string("jwt.audience", DEFAULT_AUDIENCE),
                r.bool("jwt.audience.required", d.audienceRequired()),
                Duration.ofSeconds(r.number("jwt.max.lifetime", d.maxLifetime().toSeconds(), 60, max)),
                Duration.ofSeconds(r.number("jwt.clock.skew", d.clockSkew().toSeconds(), 0, max)),
                r.bool("disconnect.on.expiry", d.disconnectOnExpiry()),
                r.integer("jwt.max.token.size", d.maxTokenSize(), 256, max),
                r.integer("jwt.cache.size", d.cacheSize(), 0, max), connectors,
                r.integer("auth.failures.max", d.failuresMax(), 0, max),
                Duration.ofSeconds(r.number("auth.failures.window", d.failuresWindow().toSeconds(), 1, max)),
                Duration.ofSeconds(r.number("auth.cooldown", d.cooldown().toSeconds(), 1, max)));
    }

    /**
     * @param deviceId a device id
     * @return the audience a token for that device must carry
     */
    public String audienceFor(String deviceId) {
        return audienceTemplate.replace(DEVICE_ID_PLACEHOLDER, deviceId);
    }

    /**
     * @param connectors the connectors
     * @return a copy with other connectors
     */
    public CredentialsSettings withConnectors(List<SecretConnector> connectors) {
        return new CredentialsSettings(keysDir, audienceTemplate, audienceRequired, maxLifetime, clockSkew,
                disconnectOnExpiry, maxTokenSize, cacheSize, connectors, failuresMax, failuresWindow, cooldown);
    }

    /**
     * @param audienceRequired whether {@code aud} is required
     * @return a copy with that setting
     */
    public CredentialsSettings withAudienceRequired(boolean audienceRequired) {
        return new CredentialsSettings(keysDir, audienceTemplate, audienceRequired, maxLifetime, clockSkew,
                disconnectOnExpiry, maxTokenSize, cacheSize, connectors, failuresMax, failuresWindow, cooldown);
    }

    /**
     * @param disconnectOnExpiry whether identities carry the token expiry
     * @return a copy with that setting
     */
    public CredentialsSettings withDisconnectOnExpiry(boolean disconnectOnExpiry) {
        return new CredentialsSettings(keysDir, audienceTemplate, audienceRequired, maxLifetime, clockSkew,
                disconnectOnExpiry, maxTokenSize, cacheSize, connectors, failuresMax, failuresWindow, cooldown);
    }

    /**
     * @param failuresMax failures that trigger the cooldown
     * @param failuresWindow the counting window
     * @param cooldown the cooldown
     * @return a copy with those throttling settings
     */
    public CredentialsSettings withThrottling(int failuresMax, Duration failuresWindow, Duration cooldown) {
        return new CredentialsSettings(keysDir, audienceTemplate, audienceRequired, maxLifetime, clockSkew,
                disconnectOnExpiry, maxTokenSize, cacheSize, connectors, failuresMax, failuresWindow, cooldown);
    }
}
