// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * Kura 5.5's {@code CryptoService} AES methods, as {@code org.eclipse.kura.core.crypto.CryptoServiceImpl} does them
 * (tag KURA_5.5.0_RELEASE): AES/GCM with a random 12-byte IV and Kura's default key, written as
 * {@code base64(iv) + "-" + base64(ciphertext)}. Decrypting anything else fails: a value without exactly one
 * {@code -} with a {@link KuraException}, a value that is not Base64 with an {@link IllegalArgumentException} (Kura
 * does not catch that one either), a value with the wrong tag with a {@link KuraException}.
 */
final class KuraCrypto implements CryptoService {

    private static final byte[] KURA_DEFAULT_KEY = "rv;ipse329183!@#".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KURA_DEFAULT_KEY, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(new String(value).getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return (b64.encodeToString(iv) + "-" + b64.encodeToString(sealed)).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, "value");
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        if (encryptedValue.length == 0) {
            return new char[0];
        }
        String[] parts = new String(encryptedValue).split("-");
        if (parts.length != 2) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
        }
        byte[] iv = Base64.getDecoder().decode(parts[0]);
        byte[] sealed = Base64.getDecoder().decode(parts[1]);
        if (sealed.length == 0) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KURA_DEFAULT_KEY, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            return new String(c.doFinal(sealed), StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
        }
    }
}
