// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.DeviceIdentity;
import java.util.Objects;

/**
 * Who may use a legacy template: the {@code <who>} part of a rule.
 *
 * <ul>
 * <li>{@code connector:<connector id>}: clients authenticated with that connector's secret (for its allowed devices)
 * <li>{@code local}: every local-application account of the broker; {@code local:<account>}: one of them
 * <li>{@code anonymous}: clients admitted without credentials
 * </ul>
 */
public sealed interface Grant {

    /**
     * @param identity an accepted identity
     * @return whether this grant covers it
     */
    boolean covers(DeviceIdentity identity);

    /** @return the grant as written in a rule */
    String text();

    /**
     * Clients of one connector.
     *
     * @param connectorId the connector id
     */
    record ConnectorGrant(String connectorId) implements Grant {
        /** Checks the id is present. */
        public ConnectorGrant {
            Objects.requireNonNull(connectorId, "connectorId");
        }

        @Override
        public boolean covers(DeviceIdentity identity) {
            return identity.method() == AuthMethod.CONNECTOR_SECRET && connectorId.equals(identity.id());
        }

        @Override
        public String text() {
            return "connector:" + connectorId;
        }
    }

    /**
     * Local-application accounts.
     *
     * @param account one account name, or {@code null} for every account
     */
    record LocalGrant(String account) implements Grant {
        @Override
        public boolean covers(DeviceIdentity identity) {
            return identity.method() == AuthMethod.LOCAL_APPLICATION
                    && (account == null || account.equals(identity.id()));
        }

        @Override
        public String text() {
            return account == null ? "local" : "local:" + account;
        }
    }

    /** Anonymous clients. */
    record AnonymousGrant() implements Grant {
        @Override
        public boolean covers(DeviceIdentity identity) {
            return identity.method() == AuthMethod.ANONYMOUS;
        }

        @Override
        public String text() {
            return "anonymous";
        }
    }
}
