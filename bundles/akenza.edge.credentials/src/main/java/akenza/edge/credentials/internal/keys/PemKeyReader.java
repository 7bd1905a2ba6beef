// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads device key files: PEM with one or more X.509 certificates or SubjectPublicKeyInfo public keys.
 * Private keys found in a key file are ignored and reported (they do not belong on the gateway).
 */
public final class PemKeyReader {

    /** Key files larger than this are refused unread: a device has a handful of keys, not megabytes. */
    public static final long MAX_FILE_SIZE = 256 * 1024;

    private PemKeyReader() {
    }

    /**
     * What one file held.
     *
     * @param keys the usable keys, in file order
     * @param problems what was wrong, one short line each (no key material)
     */
    public record Result(List<RegisteredKey> keys, List<String> problems) {
        /** Copies the lists. */
        public Result {
            keys = List.copyOf(keys);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param file a PEM file
     * @return its keys and problems; never throws for bad content
     * @throws IOException when the file cannot be read
     */
    public static Result read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            return new Result(List.of(), List.of("file larger than " + MAX_FILE_SIZE + " bytes"));
        }
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * @param pem PEM text
     * @return its keys and problems
     */
    public static Result parse(String pem) {
        List<RegisteredKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Reader r = new StringReader(pem); PEMParser parser = new PEMParser(r)) {
            int index = 0;
            while (true) {
                Object object;
                try {
                    object = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    problems.add("block " + (index + 1) + ": unreadable PEM (" + e.getClass().getSimpleName() + ")");
                    break;
                }
                if (object == null) {
                    break;
                }
                index++;
                String block = "block " + index + ": ";
                try {
                    toKey(object).ifPresentOrElse(keys::add, () -> problems.add(block + describeUnusable(object)));
                } catch (CertificateException | IOException | RuntimeException e) {
                    problems.add(block + "bad key or certificate (" + e.getClass().getSimpleName() + ")");
                }
            }
        } catch (IOException e) {
            problems.add("unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add("no certificate or public key found");
        }
        return new Result(keys, problems);
    }

    private static String describeUnusable(Object object) {
        if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
                || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "private key ignored (key files hold public keys only)";
        }
        if (object instanceof X509CertificateHolder || object instanceof SubjectPublicKeyInfo) {
            return "unsupported key type (RSA 2048-4096 or EC P-256 only)";
        }
        return "not a certificate or public key";
    }

    private static Optional<RegisteredKey> toKey(Object object) throws CertificateException, IOException {
        if (object instanceof X509CertificateHolder holder) {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            PublicKey key = cert.getPublicKey();
            return KeyKind.of(key).map(kind -> new RegisteredKey(kid(holder.getSubjectPublicKeyInfo()), key, kind,
                    cert.getNotAfter().toInstant(), holder));
        }
        if (object instanceof SubjectPublicKeyInfo spki) {
            PublicKey key = new JcaPEMKeyConverter().getPublicKey(spki);
            return KeyKind.of(key).map(kind -> new RegisteredKey(kid(spki), key, kind, null, spki));
        }
        return Optional.empty();
    }

    /**
     * @param spki a SubjectPublicKeyInfo
     * @return the lowercase hex SHA-256 of its DER encoding: the {@code kid} devices send
     */
    public static String kid(SubjectPublicKeyInfo spki) {
        try {
            return kid(spki.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }

    /**
     * @param spkiDer the DER SubjectPublicKeyInfo
     * @return its lowercase hex SHA-256
     */
    public static String kid(byte[] spkiDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spkiDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
