// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs, certificates and PEM files the tests make themselves. */
public final class TestKeys {

    private TestKeys() {
    }

    /** @return a fresh RSA 2048 key pair */
    public static KeyPair rsa() {
        return rsa(2048);
    }

    /**
     * @param bits the modulus size
     * @return a fresh RSA key pair
     */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a fresh EC P-256 key pair */
    public static KeyPair ec() {
        return ec("secp256r1");
    }

    /**
     * @param curve a curve name such as secp384r1
     * @return a fresh EC key pair
     */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param pair a key pair
     * @param cn the subject common name
     * @return a self-signed certificate, as akenza's openssl commands make
     */
    public static X509CertificateHolder certificate(KeyPair pair, String cn) {
        try {
            X500Name name = new X500Name("CN=" + cn);
            Instant now = Instant.now();
            String alg = pair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400L * 365)), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder(alg).build(pair.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param objects certificates, public keys or anything else JcaPEMWriter writes
     * @return their PEM text
     */
    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * @param dir the key directory
     * @param deviceId the device id
     * @param objects what the file holds
     * @return the file written
     */
    public static Path writeKeyFile(Path dir, String deviceId, Object... objects) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(deviceId + ".pem"), pem(objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param pair a key pair
     * @return the kid devices send: hex SHA-256 of the DER SubjectPublicKeyInfo
     */
    public static String kid(KeyPair pair) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param pair a key pair
     * @return its public key as a SubjectPublicKeyInfo (a "PUBLIC KEY" PEM block)
     */
    public static SubjectPublicKeyInfo spki(KeyPair pair) {
        return SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    }
}
