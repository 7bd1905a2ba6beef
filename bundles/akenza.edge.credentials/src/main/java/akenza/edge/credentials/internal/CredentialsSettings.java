// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import akenza.edge.credentials.internal.connector.SecretConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
