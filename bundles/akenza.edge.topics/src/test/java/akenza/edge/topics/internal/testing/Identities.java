// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

import akenza.edge.api.auth.DeviceIdentity;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The cast of the table-driven tests, by short name. */
public final class Identities {

    /** Connector 1: secret {@code s3cr3t}, allowed devices dev-1 and dev-2. */
    public static final TestConnector C1 = new TestConnector("c1", "s3cr3t", Set.of("dev-1", "dev-2"));
    /** Connector 2: secret {@code other}, every device allowed. */
    public static final TestConnector C2 = new TestConnector("c2", "other", null);

    private static final Map<String, DeviceIdentity> BY_NAME = Map.of(
            "jwt:dev-1", DeviceIdentity.jwt("dev-1", Instant.now().plusSeconds(3600)),
            "jwt:capteur-é", DeviceIdentity.jwt("capteur-é", null),
            "c1", DeviceIdentity.connector(C1),
            "c2", DeviceIdentity.connector(C2),
            "local:nodered", DeviceIdentity.localApplication("nodered"),
            "local:wires", DeviceIdentity.localApplication("wires"),
            "anon", DeviceIdentity.anonymous("client-7"));

    private Identities() {
    }

    /**
     * @param name a short name ({@code jwt:dev-1}, {@code c1}, {@code c2}, {@code local:nodered}, {@code anon} ...)
     * @return the identity
     */
    public static DeviceIdentity named(String name) {
        DeviceIdentity identity = BY_NAME.get(name);
        if (identity == null) {
            throw new IllegalArgumentException("no test identity " + name);
        }
        return identity;
    }
}
