// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

import akenza.edge.api.auth.Connector;
import java.util.Set;

/**
 * A connector for tests: a fixed secret and an optional allow-list.
 *
 * @param id the connector id
 * @param secret the secret
 * @param allowed the allowed device ids, or {@code null} for every device
 */
public record TestConnector(String id, String secret, Set<String> allowed) implements Connector {

    @Override
    public boolean secretMatches(CharSequence candidate) {
        return secret.contentEquals(candidate);
    }

    @Override
    public boolean allowsDevice(String deviceId) {
        return allowed == null || allowed.contains(deviceId);
    }

    @Override
    public String toString() {
        return "TestConnector[" + id + "]";
    }
}
