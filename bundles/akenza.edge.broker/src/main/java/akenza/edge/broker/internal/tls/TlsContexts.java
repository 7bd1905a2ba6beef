// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import akenza.edge.broker.internal.config.BrokerSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the TLS listener's Netty {@link SslContext} (JDK provider, TLS 1.2 and 1.3 only) from
 * {@link BrokerSettings}: the configured PEM certificate chain and key, or, when neither is configured, a
 * self-signed certificate created once under {@code <home>/tls/} and reused afterwards.
 *
 * <pre>
 * SslContext tls = TlsContexts.serverContext(settings);
 * channel.pipeline().addFirst(tls.newHandler(channel.alloc()));
 * </pre>
 *
 * Runs file and key work: call it when (re)configuring, never on an event loop.
 */
public final class TlsContexts {

    /** Protocols offered; older ones are refused. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** File name of the generated certificate under {@code <home>/tls/}. */
    public static final String GENERATED_CERT = "broker-cert.pem";
    /** File name of the generated key under {@code <home>/tls/}. */
    public static final String GENERATED_KEY = "broker-key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    /** Serializes generation so two listeners starting at once cannot write two different key pairs. */
    private static final Object GENERATION_LOCK = new Object();

    private TlsContexts() {
    }

    /**
     * @param settings the broker settings
     * @return a server context for the TLS listener
     * @throws TlsMaterialException when a file is missing or unreadable, the key does not match the
     *         certificate, or the self-signed material cannot be created (the message names the file)
     */
    public static SslContext serverContext(BrokerSettings settings) {
        Path certFile = certificatePath(settings);
        Path keyFile = keyPath(settings);
        if (settings.tlsCertPath() == null) {
            ensureSelfSigned(certFile, keyFile);
        } else if (readableByOthers(keyFile)) {
            LOG.warn("TLS key file {} is readable by other users of the gateway; restrict it (chmod 600)", keyFile);
        }
        X509Certificate[] chain = PemFiles.readCertificateChain(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!matches(key, chain[0].getPublicKey())) {
            throw new TlsMaterialException("TLS key file " + keyFile + " does not belong to the certificate in "
                    + certFile);
        }
        try {
            return SslContextBuilder.forServer(key, chain).sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsMaterialException("cannot use the TLS certificate " + certFile + " and key " + keyFile + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * @param settings the broker settings
     * @return the certificate file clients must trust (self-signed) or that the broker presents (configured)
     */
    public static Path certificatePath(BrokerSettings settings) {
        return settings.tlsCertPath() != null ? settings.tlsCertPath()
                : settings.home().resolve("tls").resolve(GENERATED_CERT);
    }

    /**
     * @param settings the broker settings
     * @return the private key file in use
     */
    public static Path keyPath(BrokerSettings settings) {
        return settings.tlsKeyPath() != null ? settings.tlsKeyPath()
                : settings.home().resolve("tls").resolve(GENERATED_KEY);
    }

    /** Creates the self-signed pair unless both files exist; a lone survivor of a pair is replaced. */
    private static void ensureSelfSigned(Path certFile, Path keyFile) {
        synchronized (GENERATION_LOCK) {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return;
            }
            String host = SelfSignedCertificates.hostName();
            SelfSignedCertificates.Generated generated = SelfSignedCertificates.generate(host,
                    SelfSignedCertificates.hostAddresses());
            try {
                Files.createDirectories(certFile.getParent());
                // key first: a certificate on disk always has its key next to it
                PemFiles.writePrivate(keyFile, PemFiles.toPem(generated.keys().getPrivate()));
                PemFiles.writePublic(certFile, PemFiles.toPem(generated.certificate()));
            } catch (IOException e) {
                throw new TlsMaterialException("cannot write the self-signed TLS certificate to " + certFile.getParent()
                        + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
            LOG.info("Created a self-signed TLS certificate for {} in {}; clients trust it by using this file as "
                    + "their CA file", host, certFile);
        }
    }

    /** @return whether the file exists and POSIX permissions let group or others read it */
    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // missing files are reported when read; non-POSIX systems have other means
        }
    }

    /** Proves possession: a signature made with the key verifies with the certificate's public key. */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
