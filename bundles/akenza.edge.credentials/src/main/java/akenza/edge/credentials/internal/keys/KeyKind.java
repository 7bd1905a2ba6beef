// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;

/** The device key types akenza accepts: RSA 2048 to 4096 bits (RS256) and EC P-256 (ES256). */
public enum KeyKind {
    /** RSA, 2048 to 4096 bits; signs RS256 tokens. */
    RSA("RS256"),
    /** EC on NIST P-256 (prime256v1); signs ES256 tokens. */
    EC_P256("ES256");

    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P256_PRIME = new BigInteger(
            "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);

    private final String algorithm;

    KeyKind(String algorithm) {
        this.algorithm = algorithm;
    }

    /** @return the only JWS {@code alg} this kind of key may verify */
    public String algorithm() {
        return algorithm;
    }

    /**
     * @param key a public key
     * @return its kind, or empty when akenza does not accept it (other types, sizes or curves)
     */
    public static Optional<KeyKind> of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= 2048 && bits <= 4096 ? Optional.of(RSA) : Optional.empty();
        }
        if (key instanceof ECPublicKey ec) {
            ECParameterSpec params = ec.getParams();
            boolean p256 = params != null && P256_ORDER.equals(params.getOrder()) && params.getCofactor() == 1
                    && params.getCurve().getField() instanceof ECFieldFp fp
                    && P256_PRIME.equals(fp.getP());
            return p256 ? Optional.of(EC_P256) : Optional.empty();
        }
        return Optional.empty();
    }

    /** @return a short name for operators: "RSA-2048" style names are built by {@link RegisteredKey} */
    public String label() {
        return this == RSA ? "RSA" : "EC P-256";
    }
}
