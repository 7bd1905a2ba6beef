// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.crypto;

import org.eclipse.kura.crypto.CryptoService;

/**
 * Kura stores Password attributes AES-encrypted and hands them to components as ciphertext strings. Kura's own
 * components decrypt them with {@link CryptoService#decryptAes(char[])} and use the stored value as it is when
 * that fails (a value set outside Kura's console, or the standalone runtime without a CryptoService).
 */
public final class KuraPasswords {

    private KuraPasswords() {
    }

    /**
     * @param crypto Kura's crypto service, or {@code null} when there is none
     * @param stored the stored Password value, may be {@code null} or empty
     * @return the plain value; {@code stored} itself when there is no service or it does not decrypt
     */
    public static String decrypt(CryptoService crypto, String stored) {
        if (crypto == null || stored == null || stored.isEmpty()) {
            return stored;
        }
        try {
            char[] plain = crypto.decryptAes(stored.toCharArray());
            return plain == null ? stored : new String(plain);
        } catch (Exception e) {
            return stored; // Kura's convention: a value that does not decrypt was stored in plain text
        }
    }
}
