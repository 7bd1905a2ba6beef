// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import akenza.edge.api.auth.RefusalReason;
import java.time.Instant;

/** What checking a token against one device's keys found. */
public sealed interface JwtOutcome {

    /**
     * Signature and claims are valid for the device.
     *
     * @param expiresAt the token's {@code exp}
     * @param subject the token's {@code sub}, or {@code null}
     */
    record Valid(Instant expiresAt, String subject) implements JwtOutcome {
    }

    /**
     * The token is refused for the device.
     *
     * @param reason the refusal
     * @param detail a short, secret-free explanation
     */
    record Invalid(RefusalReason reason, String detail) implements JwtOutcome {
    }

    /**
     * @param detail a short explanation
     * @return a bad-credentials outcome
     */
    static Invalid bad(String detail) {
        return new Invalid(RefusalReason.BAD_CREDENTIALS, detail);
    }
}
