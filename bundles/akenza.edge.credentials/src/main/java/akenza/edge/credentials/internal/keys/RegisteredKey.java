// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One public key registered for a device.
 *
 * @param kid lowercase hex SHA-256 of the DER SubjectPublicKeyInfo, as devices put it in the JWS header
 * @param key the public key
 * @param kind its type, which fixes the one algorithm it verifies
 * @param notAfter the certificate's expiry, or {@code null} for a bare public key
 * @param pemObject the Bouncy Castle object read from the file, kept so the file can be rewritten
 */
public record RegisteredKey(String kid, PublicKey key, KeyKind kind, Instant notAfter, Object pemObject) {

    /** Checks the required fields. */
    public RegisteredKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pemObject, "pemObject");
    }

    /** @return e.g. "RSA-2048" or "EC P-256" */
    public String typeLabel() {
        return key instanceof RSAPublicKey rsa ? "RSA-" + rsa.getModulus().bitLength() : kind.label();
    }

    @Override
    public String toString() {
        return typeLabel() + " kid=" + kid + (notAfter == null ? "" : " notAfter=" + notAfter);
    }
}
