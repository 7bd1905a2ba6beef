// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.Test;

class KuraPasswordsTest {

    /** A crypto service that "decrypts" by reversing, and refuses text that does not start with {@code enc:}. */
    private static final CryptoService REVERSING = new CryptoService() {
        @Override
        public char[] encryptAes(char[] value) {
            return ("enc:" + new StringBuilder(new String(value)).reverse()).toCharArray();
        }

        @Override
        public char[] decryptAes(char[] value) throws KuraException {
            String s = new String(value);
            if (!s.startsWith("enc:")) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR, null, null, "not ours");
            }
            return new StringBuilder(s.substring(4)).reverse().toString().toCharArray();
        }
    };

    @Test
    void decryptsWithTheServiceAndKeepsPlainValuesAsTheyAre() {
        assertEquals("secret", KuraPasswords.decrypt(REVERSING, "enc:terces"));
        assertEquals("plain", KuraPasswords.decrypt(REVERSING, "plain"));
        assertEquals("enc:x", KuraPasswords.decrypt(null, "enc:x"));
        assertEquals("", KuraPasswords.decrypt(REVERSING, ""));
        assertNull(KuraPasswords.decrypt(REVERSING, null));
    }
}
