// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A device with akenza JWT credentials: an RSA 2048 (RS256) or P-256 (ES256) key pair, its registration
 * as {@code <deviceId>.pem}, and tokens signed with the JDK only, so hostile tokens (wrong claims, other
 * algorithms, forged signatures) can be built byte by byte.
 */
final class JwtDevice {

    /** akenza's default audience prefix; the device id follows. */
    static final String AUDIENCE_PREFIX = "https://akenza.io/devices/";

    private final String deviceId;
    private final KeyPair keys;
    private final boolean ec;

    private JwtDevice(String deviceId, KeyPair keys, boolean ec) {
        this.deviceId = deviceId;
        this.keys = keys;
        this.ec = ec;
    }

    /** @return a device with a new RSA 2048 key (RS256) */
    static JwtDevice rsa(String deviceId) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return new JwtDevice(deviceId, g.generateKeyPair(), false);
    }

    /** @return a device with a new P-256 key (ES256) */
    static JwtDevice ec(String deviceId) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return new JwtDevice(deviceId, g.generateKeyPair(), true);
    }

    String deviceId() {
        return deviceId;
    }

    /** @return RS256 or ES256 */
    String alg() {
        return ec ? "ES256" : "RS256";
    }

    /** @return the public key as SubjectPublicKeyInfo PEM, the form akenza's openssl commands write */
    String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** @return the key id: hex SHA-256 of the DER SubjectPublicKeyInfo */
    String kid() throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    }

    /** Registers the public key as {@code <dir>/<deviceId>.pem}. */
    void register(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, deviceId, ".tmp");
        Files.writeString(tmp, publicKeyPem());
        // a rename, so the registry never reads a half-written file
        Files.move(tmp, dir.resolve(deviceId + ".pem"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return a valid token as akenza's examples make it: iat now, exp in 20 minutes, aud for this device */
    String token() throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        return token(header(null), claims(now, now + 1200, AUDIENCE_PREFIX + deviceId, null, null));
    }

    /** @return the compact JWS of these header and claims, signed with this device's key */
    String token(String headerJson, String claimsJson) throws GeneralSecurityException {
        String input = b64(headerJson) + "." + b64(claimsJson);
        Signature s = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    /** @return the JOSE header for this key's algorithm, with the kid when not null */
    String header(String kid) {
        return "{\"alg\":\"" + alg() + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
    }

    /**
     * @param aud the audience, or null for none
     * @param sub the subject, or null for none
     * @param extra further members as JSON text ({@code "a":1}), or null
     * @return the claims as JSON
     */
    static String claims(long iat, long exp, String aud, String sub, String extra) {
        StringBuilder b = new StringBuilder("{\"iat\":").append(iat).append(",\"exp\":").append(exp);
        if (aud != null) {
            b.append(",\"aud\":\"").append(aud).append('"');
        }
        if (sub != null) {
            b.append(",\"sub\":\"").append(sub).append('"');
        }
        if (extra != null) {
            b.append(',').append(extra);
        }
        return b.append('}').toString();
    }

    /** @return a token with {@code alg: none} and an empty signature */
    static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson) + ".";
    }

    /** @return an HS256 token whose HMAC key is the given text: the RS256/HS256 key confusion attack */
    static String hs256(String claimsJson, String macKey) throws GeneralSecurityException {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(macKey.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** @return the token with one signature byte changed (not the last character, whose low bits may be padding) */
    static String tampered(String token) {
        int dot = token.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        sig[sig.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + b64(sig);
    }

    static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
