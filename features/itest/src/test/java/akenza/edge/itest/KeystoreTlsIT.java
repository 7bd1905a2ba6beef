// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Hashtable;
import java.util.Map;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.event.EventAdmin;

/**
 * Issue 16: the broker's TLS listener serves the certificate of a Kura keystore entry (selected by the keystore's
 * kura.service.pid and an alias) and switches to the new certificate when the entry changes, without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeystoreTlsIT extends GatewayTestBase {

    private static final String KEYSTORE_PID = "itest.BrokerKeystore";
    private static final String ALIAS = "mqtt-broker";

    @Inject
    private EventAdmin eventAdmin;

    private static TestKeystoreService keystore;
    private static int tlsPort;

    @Override
    protected void startGateway() throws Exception {
        keystore = new TestKeystoreService(KEYSTORE_PID, eventAdmin);
        keystore.setEntry(ALIAS, entry("CN=first"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("kura.service.pid", KEYSTORE_PID);
        context.registerService(KeystoreService.class, keystore, props);
        // Another keystore with the same alias must not be used.
        TestKeystoreService other = new TestKeystoreService("itest.OtherKeystore", eventAdmin);
        other.setEntry(ALIAS, entry("CN=other"));
        props.put("kura.service.pid", "itest.OtherKeystore");
        context.registerService(KeystoreService.class, other, props);

        tlsPort = Ports.free();
        new Gateway(context, configAdmin).configure(Gateway.BROKER, Map.of("tcp.enabled", false, "tls.port", tlsPort,
                "bind.address", "127.0.0.1", "tls.keystore.service.pid", KEYSTORE_PID, "tls.keystore.alias", ALIAS));
        Gateway.awaitListening(tlsPort);
    }

    @Test
    public void theTlsListenerServesTheKeystoreEntryAndSwitchesWhenItChanges() throws Exception {
        assertEquals("CN=first", presented());

        keystore.setEntry(ALIAS, entry("CN=second"));

        Await.until("the broker to present the new certificate", Duration.ofSeconds(30),
                () -> "CN=second".equals(presented()));
    }

    /** @return the subject of the certificate the broker presents in a TLS handshake */
    private static String presented() throws Exception {
        X509Certificate[][] seen = new X509Certificate[1][];
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain; // the test only looks at which certificate is presented
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {recorder}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                tlsPort)) {
            s.setSoTimeout(5000);
            s.startHandshake();
        }
        return seen[0][0].getSubjectX500Principal().getName();
    }

    private static KeyStore.PrivateKeyEntry entry(String subject) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(86_400)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new KeyStore.PrivateKeyEntry(keys.getPrivate(), new Certificate[] {cert});
    }
}
