// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.connector;

import akenza.edge.api.auth.Connector;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An uplink-secret connector: its id, its secret and an optional allow-list of device ids.
 *
 * <p>Secrets are compared with {@link MessageDigest#isEqual(byte[], byte[])}, the secret's bytes first: its
 * time depends only on the length of the first argument (specified since Java 9), so it is the same whatever
 * the candidate, its length included. (It hashed both with SHA-256 before: 8 % of a broker event loop's CPU,
 * since the topic policy checks the secret in every PUBLISH's topic, for no added safety.)
 * {@link #toString()} shows only the id.
 */
public final class SecretConnector implements Connector {

    private final String id;
    private final String secret;
    private final byte[] secretBytes;
    private final Set<String> allowedDevices;
    /** Whether a device id has keys of its own: "any device" never covers such a device. */
    private final Predicate<String> hasOwnKeys;

    /**
     * @param id the connector id (the MQTT user name)
     * @param secret the secret (the MQTT password and the second topic level)
     * @param allowedDevices device ids this connector may speak for; empty means every device
     */
    public SecretConnector(String id, String secret, Set<String> allowedDevices) {
        this(id, secret, allowedDevices, deviceId -> false);
    }

    private SecretConnector(String id, String secret, Set<String> allowedDevices, Predicate<String> hasOwnKeys) {
        this.id = Objects.requireNonNull(id, "id");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        this.allowedDevices = Set.copyOf(allowedDevices);
        this.hasOwnKeys = hasOwnKeys;
    }

    /**
     * @param ownKeys whether a device id has registered keys (a JWT device)
     * @return this connector, with "any device" (an empty allow-list) no longer covering devices with keys
     */
    public SecretConnector excludingDevicesWithKeys(Predicate<String> ownKeys) {
        return new SecretConnector(id, secret, allowedDevices, Objects.requireNonNull(ownKeys, "ownKeys"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean secretMatches(CharSequence candidate) {
        if (candidate == null) {
            return false;
        }
        if (candidate instanceof String text) {
            return secretMatches(text.getBytes(StandardCharsets.UTF_8));
        }
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(candidate));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return secretMatches(bytes);
    }

    /**
     * @param candidate candidate secret bytes (an MQTT password); zeroed after the comparison, so pass a copy
     * @return whether they equal the secret's UTF-8 bytes
     */
    public boolean secretMatches(byte[] candidate) {
        if (candidate == null) {
            return false;
        }
        // The secret first: the comparison's time depends on its length only, never on the candidate.
        boolean equal = MessageDigest.isEqual(secretBytes, candidate);
        Arrays.fill(candidate, (byte) 0);
        return equal;
    }

    /**
     * A shared secret never overrides a device's own key: without an allow-list the connector speaks for every
     * device that has no registered keys; a device with keys only when the allow-list names it.
     */
    @Override
    public boolean allowsDevice(String deviceId) {
        if (deviceId == null) {
            return false;
        }
        if (!allowedDevices.isEmpty()) {
            return allowedDevices.contains(deviceId);
        }
        return !hasOwnKeys.test(deviceId);
    }

    /** @return the allow-list; empty means every device without keys of its own */
    public Set<String> allowedDevices() {
        return allowedDevices;
    }

    @Override
    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "Connector[" + id + (allowedDevices.isEmpty() ? "" : ", devices=" + allowedDevices.size()) + "]";
    }
}
