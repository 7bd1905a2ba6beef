// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the broker's self-signed certificate: EC P-256, valid ten years, subject {@code CN=<host name>},
 * subject alternative names for the host name, {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the
 * host's other addresses. It is its own trust anchor (CA:true, like {@code openssl req -x509}), so clients
 * trust it by adding this one file as their CA file.
 */
final class SelfSignedCertificates {

    /** Validity of a generated certificate. */
    static final Duration VALIDITY = Duration.ofDays(3_652);
    /** Start the validity a day early: gateways often boot with a clock that is slightly behind. */
    private static final Duration BACKDATE = Duration.ofDays(1);

    private SelfSignedCertificates() {
    }

    /**
     * @param hostName the host name for the subject and a DNS subject alternative name
     * @param addresses IP addresses for subject alternative names (loopback ones are added anyway)
     * @return the key pair and certificate
     */
    static Generated generate(String hostName, List<InetAddress> addresses) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(159, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ids.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostName, addresses));

            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Generated(keys, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsMaterialException(
                    "cannot create a self-signed TLS certificate: " + e.getClass().getSimpleName(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(String hostName, List<InetAddress> addresses) {
        Set<String> dns = new LinkedHashSet<>(List.of(hostName, "localhost"));
        List<GeneralName> names = new ArrayList<>();
        for (String name : dns) {
            names.add(new GeneralName(GeneralName.dNSName, name));
        }
        Set<InetAddress> ips = new LinkedHashSet<>();
        try {
            ips.add(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            ips.add(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
        ips.addAll(addresses);
        for (InetAddress ip : ips) {
            // raw bytes: no scope id, no name lookup
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /**
     * @return this host's name; {@code localhost} when it cannot be found or is not a valid DNS name
     */
    static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                return name;
            }
        } catch (UnknownHostException e) {
            // no usable name: fall through
        }
        return "localhost";
    }

    /** @return the host's non-loopback addresses, as far as they can be listed */
    static List<InetAddress> hostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress()) {
                        addresses.add(address);
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // interfaces not listable (containers): the loopback names still work
        }
        return addresses;
    }

    /**
     * A generated key pair and its certificate.
     *
     * @param keys the EC P-256 key pair
     * @param certificate the self-signed certificate
     */
    record Generated(KeyPair keys, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Generated[" + certificate.getSubjectX500Principal() + ", until "
                    + certificate.getNotAfter().toInstant().atOffset(ZoneOffset.UTC) + "]";
        }
    }
}
