// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM certificate chains and private keys with Bouncy Castle, so every layout openssl
 * writes works: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE
 * KEY}, with or without a leading {@code EC PARAMETERS} block). Errors name the file, never its content.
 */
final class PemFiles {

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PemFiles() {
    }

    /**
     * @param file a PEM file with one or more certificates, leaf first
     * @return the chain
     */
    static X509Certificate[] readCertificateChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException e) {
            throw ioProblem("TLS certificate file", file, e);
        } catch (CertificateException | RuntimeException e) {
            throw new TlsMaterialException("TLS certificate file " + file + " holds a certificate that cannot be read");
        }
        if (chain.isEmpty()) {
            throw new TlsMaterialException("TLS certificate file " + file + " holds no PEM certificate "
                    + "(expected -----BEGIN CERTIFICATE-----)");
        }
        return chain.toArray(new X509Certificate[0]);
    }

    /**
     * @param file a PEM file with one unencrypted private key
     * @return the key
     */
    static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate(); // PKCS#1 or SEC1
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info); // PKCS#8
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsMaterialException("TLS key file " + file
                            + " holds an encrypted private key; give an unencrypted one (readable by the owner only)");
                }
                // anything else (EC PARAMETERS, certificates) is not the key: keep looking
            }
        } catch (IOException e) {
            throw ioProblem("TLS key file", file, e);
        } catch (TlsMaterialException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TlsMaterialException("TLS key file " + file + " holds a private key that cannot be read");
        }
        throw new TlsMaterialException("TLS key file " + file + " holds no PEM private key (expected PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /**
     * Writes a file atomically (temporary file, then rename), readable by the owner only when the file
     * system supports POSIX permissions, so neither a crash nor another user ever sees a partial or open key.
     *
     * @param file the target
     * @param pem the PEM text
     */
    static void writePrivate(Path file, String pem) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createFile(tmp, posix ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0]);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(pem);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @param file the target
     * @param pem the PEM text (public material)
     */
    static void writePublic(Path file, String pem) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the certificate as PEM text */
    static String toPem(X509Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    /** @return the key as PKCS#8 PEM text ({@code PRIVATE KEY}), the form every TLS stack reads */
    static String toPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }

    private static TlsMaterialException ioProblem(String what, Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new TlsMaterialException(what + " " + file + " does not exist", e);
        }
        if (e instanceof AccessDeniedException) {
            return new TlsMaterialException(what + " " + file + " is not readable by the gateway's Java process", e);
        }
        // PEM syntax errors surface as IOExceptions whose text may quote the file: keep only the class name
        return new TlsMaterialException(what + " " + file + " cannot be read as PEM (" + e.getClass().getSimpleName()
                + ")");
    }
}
