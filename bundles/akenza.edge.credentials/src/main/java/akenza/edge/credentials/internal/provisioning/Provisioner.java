// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.provisioning;

import akenza.edge.api.auth.DeviceIds;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.keys.KeyFileWriter;
import akenza.edge.credentials.internal.keys.KeyKind;
import akenza.edge.credentials.internal.keys.PemKeyReader;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a device key pair the way akenza's openssl commands do (RSA 2048 or EC P-256, self-signed
 * certificate with CN = device id), registers the certificate, and mints a first token the way akenza's
 * examples do ({@code iat}, {@code exp}, {@code aud}). The private key leaves only in the returned value.
 */
public final class Provisioner {

    /** How long a provisioned certificate is valid; akenza's openssl commands default to 30 days, we keep longer. */
    public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

    /**
     * A provisioned device.
     *
     * @param deviceId the device id
     * @param kind the key type
     * @param kid the key id
     * @param privateKeyPem the private key, PKCS#8 PEM: shown once, never stored or logged
     * @param certificatePem the registered certificate
     * @param token a token for the device
     * @param tokenExpiresAt its expiry
     */
    public record Provisioned(String deviceId, KeyKind kind, String kid, String privateKeyPem, String certificatePem,
            String token, Instant tokenExpiresAt) {

        @Override
        public String toString() {
            return "Provisioned[" + deviceId + ", " + kind + ", kid=" + kid + "]";
        }
    }

    private final CredentialsSettings settings;
    private final KeyFileWriter writer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param settings the audience template and lifetime limit
     * @param writer the key file writer
     * @param clock the time source
     */
    public Provisioner(CredentialsSettings settings, KeyFileWriter writer, Clock clock) {
        this.settings = settings;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * @param deviceId a device id (must be a safe file name)
     * @param kind the key type
     * @param tokenLifetime how long the token is valid; at most the configured maximum lifetime
     * @return the key pair, the registered certificate and a token
     * @throws IOException when the key file cannot be written
     * @throws GeneralSecurityException when the key pair or certificate cannot be made
     */
    public Provisioned provision(String deviceId, KeyKind kind, Duration tokenLifetime)
            throws IOException, GeneralSecurityException {
        if (!DeviceIds.isValid(deviceId)) {
            throw new IllegalArgumentException("not a valid device id (no spaces, slashes or leading dot)");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()
                || tokenLifetime.compareTo(settings.maxLifetime()) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1 minute and the maximum lifetime ("
                    + settings.maxLifetime().toMinutes() + " minutes)");
        }
        KeyPair pair = generate(kind);
        X509CertificateHolder certificate = selfSigned(deviceId, pair, kind);
        writer.addKey(deviceId, certificate);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(tokenLifetime);
        String token = Jwts.builder().issuedAt(Date.from(now)).expiration(Date.from(exp)).audience()
                .single(settings.audienceFor(deviceId)).signWith(pair.getPrivate(),
                        kind == KeyKind.RSA ? Jwts.SIG.RS256 : Jwts.SIG.ES256)
                .compact();
        return new Provisioned(deviceId, kind, PemKeyReader.kid(certificate.getSubjectPublicKeyInfo()),
                pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()), pem(certificate), token, exp);
    }

    private KeyPair generate(KeyKind kind) throws GeneralSecurityException {
        if (kind == KeyKind.RSA) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509CertificateHolder selfSigned(String deviceId, KeyPair pair, KeyKind kind)
            throws GeneralSecurityException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, deviceId).build();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            return new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CERTIFICATE_VALIDITY)), name,
                    pair.getPublic())
                    .build(new JcaContentSignerBuilder(kind == KeyKind.RSA ? "SHA256withRSA" : "SHA256withECDSA")
                            .build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
