// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Changes key files for the operator commands: registers a certificate, moves keys to the revoked file.
 * Files are replaced atomically (write a temporary file, then rename), so a concurrent lookup never reads a
 * half-written file. Callers serialize their calls.
 */
public final class KeyFileWriter {

    private final KeyRegistry registry;

    /** @param registry the registry whose directory is written */
    public KeyFileWriter(KeyRegistry registry) {
        this.registry = registry;
    }

    /**
     * Appends a certificate or public key to the device's active keys (a second key is a rotation).
     *
     * @param deviceId a safe device id
     * @param pemObject an {@code X509CertificateHolder} or {@code SubjectPublicKeyInfo}
     * @throws IOException when the file cannot be written
     */
    public void addKey(String deviceId, Object pemObject) throws IOException {
        List<Object> objects = new ArrayList<>();
        registry.keysOf(deviceId).ifPresent(keys -> keys.active().forEach(k -> objects.add(k.pemObject())));
        objects.add(pemObject);
        write(registry.activeFile(deviceId), objects);
    }

    /**
     * Moves the device's active keys (all, or the one with the given kid) to its revoked file.
     *
     * @param deviceId a safe device id
     * @param kid the key to revoke, or {@code null} for every active key
     * @return how many keys were revoked
     * @throws IOException when a file cannot be written
     */
    public int revoke(String deviceId, String kid) throws IOException {
        DeviceKeys keys = registry.keysOf(deviceId).orElse(null);
        if (keys == null) {
            return 0;
        }
        List<Object> keep = new ArrayList<>();
        List<Object> revoked = new ArrayList<>();
        keys.revoked().forEach(k -> revoked.add(k.pemObject()));
        int count = 0;
        for (RegisteredKey key : keys.active()) {
            if (kid == null || key.kid().equalsIgnoreCase(kid)) {
                revoked.add(key.pemObject());
                count++;
            } else {
                keep.add(key.pemObject());
            }
        }
        if (count == 0) {
            return 0;
        }
        // Revoked file first: a crash in between leaves the key revoked and still active, never lost.
        write(registry.revokedFile(deviceId), revoked);
        Path active = registry.activeFile(deviceId);
        if (keep.isEmpty()) {
            Files.deleteIfExists(active);
        } else {
            write(active, keep);
        }
        return count;
    }

    private static void write(Path file, List<Object> objects) throws IOException {
        Files.createDirectories(file.getParent());
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        Path temp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX_TMP);
        try {
            Files.writeString(temp, text.toString(), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // Not ".pem": a temporary file must never be taken for a device's key file.
    private static final String SUFFIX_TMP = ".partial";
}
