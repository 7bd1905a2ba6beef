// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura.crypto;

import org.eclipse.kura.KuraException;

/**
 * Kura's crypto service, reduced to the methods akenza Edge calls. Kura's console stores Password
 * attributes encrypted with {@link #encryptAes(char[])}; components decrypt them with
 * {@link #decryptAes(char[])}.
 */
public interface CryptoService {

    /**
     * @param value plain text
     * @return the AES ciphertext, Base64 encoded
     * @throws KuraException when encryption fails
     */
    char[] encryptAes(char[] value) throws KuraException;

    /**
     * @param encryptedValue AES ciphertext, Base64 encoded
     * @return the plain text
     * @throws KuraException when the value is not a ciphertext of this service
     */
    char[] decryptAes(char[] encryptedValue) throws KuraException;
}
