// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.connector;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import akenza.edge.api.auth.Connector;

/**
 * An uplink-secret connector: its id, its secret and an optional allow-list of device ids.
 *
 * <p>Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual(byte[], byte[])}, which takes
 * the same time whatever the candidate, its length included. {@link #toString()} shows only the id.
 */
public final class SecretConnector implements Connector {

    private final String id;
    private final String secret;
    private final byte[] secretDigest;
    private final Set<String> allowedDevices;

    /**
     * @param id the connector id (the MQTT user name)
     * @param secret the secret (the MQTT password and the second topic level)
     * @param allowedDevices device ids this connector may speak for; empty means every device
     */
    public SecretConnector(String id, String secret, Set<String> allowedDevices) {
        this.id = Objects.requireNonNull(id, "id");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.secretDigest = sha256(secret.getBytes(StandardCharsets.UTF_8));
        this.allowedDevices = Set.copyOf(allowedDevices);
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
        byte[] digest = sha256(candidate);
        Arrays.fill(candidate, (byte) 0);
        return MessageDigest.isEqual(secretDigest, digest);
    }

    @Override
    public boolean allowsDevice(String deviceId) {
        return allowedDevices.isEmpty() || allowedDevices.contains(deviceId);
    }

    /** @return the allow-list; empty means every device */
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

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
