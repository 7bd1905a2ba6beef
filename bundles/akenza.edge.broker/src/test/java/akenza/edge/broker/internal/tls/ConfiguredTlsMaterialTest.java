// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.config.BrokerSettings;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configured PEM material in the layouts openssl writes, and errors that name the file but not its content. */
class ConfiguredTlsMaterialTest {

    private static final String EC_PARAMETERS_P256 =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    @TempDir
    Path dir;

    private BrokerSettings settings(Path cert, Path key) {
        BrokerSettings d = BrokerSettings.defaults();
        return new BrokerSettings(d.tcpEnabled(), 0, d.tlsEnabled(), 0, d.bindAddress(), cert, key, dir.resolve("home"),
                d.maxConnections(), d.maxPacketSize(), d.maxInflight(), d.maxQueuedMessages(),
                d.maxSessionExpirySeconds(), d.connectTimeoutSeconds(), d.maxKeepAliveSeconds(),
                d.maxSubscriptionsPerClient(), d.maxTopicLength(), d.maxTopicAliases(), d.anonymousAllowed(), List.of(),
                d.aclRules(), d.disconnectOnCredentialExpiry(), d.limits());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({
        "RSA, PKCS1, -----BEGIN RSA PRIVATE KEY-----",
        "RSA, PKCS8, -----BEGIN PRIVATE KEY-----",
        "EC,  SEC1,  -----BEGIN EC PRIVATE KEY-----",
        "EC,  SEC1_WITH_PARAMETERS, -----BEGIN EC PARAMETERS-----",
        "EC,  PKCS8, -----BEGIN PRIVATE KEY-----",
    })
    void opensslKeyLayoutsServeTls(String algorithm, String layout, String header) throws Exception {
        KeyPair keys = TestCertificates.keyPair(algorithm);
        X509Certificate cert = TestCertificates.certificate("broker", keys, "broker", null, true);
        String keyPem = switch (layout) {
            case "PKCS8" -> TestCertificates.pem(new JcaPKCS8Generator(keys.getPrivate(), null));
            case "SEC1" -> TestCertificates.sec1(keys);
            case "SEC1_WITH_PARAMETERS" -> EC_PARAMETERS_P256 + TestCertificates.sec1(keys);
            default -> TestCertificates.pem(keys.getPrivate());
        };
        assertTrue(keyPem.startsWith(header), keyPem.lines().findFirst().orElse(""));
        Path certFile = write("cert.pem", TestCertificates.pem(cert));
        Path keyFile = write("key.pem", keyPem);

        SslContext context = TlsContexts.serverContext(settings(certFile, keyFile));
        assertEquals(certFile, TlsContexts.certificatePath(settings(certFile, keyFile)));
        assertFalse(Files.exists(dir.resolve("home/tls")), "nothing generated when material is configured");
        try (EchoTlsServer server = new EchoTlsServer(context);
                SSLSocket socket = (SSLSocket) TestCertificates.trusting(cert).getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
    }

    @Test
    void chainWithIntermediateIsPresented() throws Exception {
        KeyPair caKeys = TestCertificates.keyPair("EC");
        X509Certificate ca = TestCertificates.certificate("Edge CA", caKeys, "Edge CA", null, true);
        KeyPair leafKeys = TestCertificates.keyPair("EC");
        X509Certificate leaf = TestCertificates.certificate("broker", leafKeys, "Edge CA", caKeys.getPrivate(), false);
        Path certFile = write("chain.pem", TestCertificates.pem(leaf, ca));
        Path keyFile = write("key.pem", TestCertificates.sec1(leafKeys));

        SslContext context = TlsContexts.serverContext(settings(certFile, keyFile));
        try (EchoTlsServer server = new EchoTlsServer(context);
                SSLSocket socket = (SSLSocket) TestCertificates.trusting(ca).getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertEquals(2, socket.getSession().getPeerCertificates().length);
        }
    }

    private void assertRefused(Path cert, Path key, String namedFile, String problem, String... neverShown) {
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> TlsContexts.serverContext(settings(cert, key)));
        String message = e.getMessage();
        assertTrue(message.contains(namedFile), message);
        assertTrue(message.contains(problem), message);
        for (String secret : neverShown) {
            assertFalse(message.contains(secret), message);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains(secret), c.toString());
            }
        }
    }

    @Test
    void errorsNameTheFileNeverItsContent() throws Exception {
        KeyPair keys = TestCertificates.keyPair("EC");
        String keyPem = TestCertificates.sec1(keys);
        String keyBody = keyPem.lines().skip(1).findFirst().orElseThrow();
        Path cert = write("cert.pem", TestCertificates.pem(TestCertificates.certificate("b", keys, "b", null, true)));
        Path key = write("key.pem", keyPem);
        Path missing = dir.resolve("missing.pem");

        assertRefused(missing, key, missing.toString(), "does not exist");
        assertRefused(cert, missing, missing.toString(), "does not exist");

        Path otherKey = write("other-key.pem", TestCertificates.sec1(TestCertificates.keyPair("EC")));
        assertRefused(cert, otherKey, otherKey.toString(), "does not belong to the certificate in " + cert);
        Path rsaKey = write("rsa-key.pem", TestCertificates.pem(TestCertificates.keyPair("RSA").getPrivate()));
        assertRefused(cert, rsaKey, rsaKey.toString(), "does not belong");

        Path garbage = write("garbage.pem", "password=hunter2-very-secret\n");
        assertRefused(cert, garbage, garbage.toString(), "holds no PEM private key", "hunter2");
        assertRefused(garbage, key, garbage.toString(), "holds no PEM certificate", "hunter2");

        Path broken = write("broken.pem", "-----BEGIN PRIVATE KEY-----\n" + keyBody.substring(0, 20)
                + "!!\n-----END PRIVATE KEY-----\n");
        assertRefused(cert, broken, broken.toString(), "", keyBody.substring(0, 20));

        Path swapped = write("swapped.pem", keyPem);
        assertRefused(swapped, key, swapped.toString(), "holds no PEM certificate", keyBody);

        String encrypted = TestCertificates.pem(new JcaPKCS8Generator(keys.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("pw-never-shown".toCharArray()).build()));
        Path encryptedKey = write("encrypted.pem", encrypted);
        assertRefused(cert, encryptedKey, encryptedKey.toString(), "encrypted", "pw-never-shown");
    }
}
