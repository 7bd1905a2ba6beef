// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A device's RSA key pair and the RS256 JWTs akenza's examples make with it (iat, exp, aud), built with
 * the JDK only so the test depends on nothing of ours.
 */
final class DeviceKeys {

    private final String deviceId;
    private final KeyPair keys;

    private DeviceKeys(String deviceId, KeyPair keys) {
        this.deviceId = deviceId;
        this.keys = keys;
    }

    static DeviceKeys generate(String deviceId) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return new DeviceKeys(deviceId, g.generateKeyPair());
    }

    /** Registers the public key as {@code <dir>/<deviceId>.pem} (SubjectPublicKeyInfo PEM). */
    void register(Path dir) throws Exception {
        Files.createDirectories(dir);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve(deviceId + ".pem"), pem);
    }

    /** @return an RS256 JWT as akenza's Python example makes it, valid for 20 minutes */
    String jwt() throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iat\":" + now + ",\"exp\":" + (now + 1200) + ",\"aud\":\"https://akenza.io/devices/"
                + deviceId + "\"}");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
