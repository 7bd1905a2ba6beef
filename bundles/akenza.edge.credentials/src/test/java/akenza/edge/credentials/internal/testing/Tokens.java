// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.testing;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Builds device tokens the way akenza's examples do, and the broken variants the rules must refuse. */
public final class Tokens {

    private final KeyPair pair;
    private String alg;
    private Instant iat;
    private Instant exp;
    private String aud;
    private String sub;
    private String kid;

    private Tokens(KeyPair pair, Instant now) {
        this.pair = pair;
        this.alg = pair.getPrivate().getAlgorithm().equals("RSA") ? "RS256" : "ES256";
        this.iat = now;
        this.exp = now.plus(Duration.ofMinutes(60));
    }

    /**
     * @param pair the device key pair
     * @param now the current time
     * @param deviceId the device, for the default {@code aud}
     * @return a builder for a valid akenza token (iat now, exp in 60 min, akenza's aud)
     */
    public static Tokens forDevice(KeyPair pair, Instant now, String deviceId) {
        Tokens t = new Tokens(pair, now);
        t.aud = "https://akenza.io/devices/" + deviceId;
        return t;
    }

    /** @param value the alg (RS256, ES256, PS256, ES384 ...) @return this */
    public Tokens alg(String value) {
        alg = value;
        return this;
    }

    /** @param value iat, or null for none @return this */
    public Tokens iat(Instant value) {
        iat = value;
        return this;
    }

    /** @param value exp, or null for none @return this */
    public Tokens exp(Instant value) {
        exp = value;
        return this;
    }

    /** @param value aud, or null for none @return this */
    public Tokens aud(String value) {
        aud = value;
        return this;
    }

    /** @param value sub, or null for none @return this */
    public Tokens sub(String value) {
        sub = value;
        return this;
    }

    /** @param value kid header, or null for none @return this */
    public Tokens kid(String value) {
        kid = value;
        return this;
    }

    /** @return the signed compact token */
    public String sign() {
        JwtBuilder b = Jwts.builder();
        if (kid != null) {
            b.header().keyId(kid);
        }
        if (iat != null) {
            b.issuedAt(Date.from(iat));
        }
        if (exp != null) {
            b.expiration(Date.from(exp));
        }
        if (aud != null) {
            b.audience().single(aud);
        }
        if (sub != null) {
            b.subject(sub);
        }
        SignatureAlgorithm algorithm = (SignatureAlgorithm) Jwts.SIG.get().get(alg);
        return b.signWith(pair.getPrivate(), algorithm).compact();
    }

    /**
     * @param header JSON header
     * @param payload JSON payload
     * @param signature the signature segment
     * @return a compact token from its parts
     */
    public static String compact(String header, String payload, String signature) {
        return b64(header) + "." + b64(payload) + "." + signature;
    }

    /**
     * @param json text
     * @return its base64url encoding without padding
     */
    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes bytes
     * @return their base64url encoding without padding
     */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
