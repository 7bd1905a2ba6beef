// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import java.util.List;
import java.util.Objects;

/**
 * The keys on file for one device. A new instance is made whenever a file changes, so holders (the token
 * cache) can tell by identity whether what they verified against is still current.
 *
 * @param deviceId the device id
 * @param active keys that may sign tokens
 * @param revoked keys an operator revoked; a token they verify is refused as not authorized
 */
public record DeviceKeys(String deviceId, List<RegisteredKey> active, List<RegisteredKey> revoked) {

    /** Copies the lists. */
    public DeviceKeys {
        Objects.requireNonNull(deviceId, "deviceId");
        active = List.copyOf(active);
        revoked = List.copyOf(revoked);
    }

    /** @return whether any key, active or revoked, is on file */
    public boolean isKnown() {
        return !active.isEmpty() || !revoked.isEmpty();
    }

    // Identity, not value, equality: see the class comment.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
