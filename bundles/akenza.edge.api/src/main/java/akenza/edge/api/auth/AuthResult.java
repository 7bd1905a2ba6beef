// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.util.Objects;

/** The outcome of an authentication: accepted with an identity, or refused with a reason. */
public sealed interface AuthResult {

    /**
     * The client is who it claims to be.
     *
     * @param identity the accepted identity
     */
    record Accepted(DeviceIdentity identity) implements AuthResult {
        /** Checks the identity is present. */
        public Accepted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * The client is refused.
     *
     * @param reason why, mapped by the broker to a CONNACK code
     * @param detail a short explanation for logs and MQTT 5 reason strings; never holds a secret
     */
    record Refused(RefusalReason reason, String detail) implements AuthResult {
        /** Checks the reason is present. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? reason.name() : detail;
        }
    }

    /**
     * @param identity the accepted identity
     * @return an accepted result
     */
    static AuthResult accepted(DeviceIdentity identity) {
        return new Accepted(identity);
    }

    /**
     * @param reason why
     * @param detail a short explanation without secrets
     * @return a refusal
     */
    static AuthResult refused(RefusalReason reason, String detail) {
        return new Refused(reason, detail);
    }
}
