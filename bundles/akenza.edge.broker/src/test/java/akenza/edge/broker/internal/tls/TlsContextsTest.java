// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.config.BrokerSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsContextsTest {

    @TempDir
    Path home;

    private BrokerSettings settings() {
        return BrokerSettings.defaults().withHome(home);
    }

    private static X509Certificate load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void generatesOnceThenReuses() throws Exception {
        Path cert = home.resolve("tls/broker-cert.pem");
        Path key = home.resolve("tls/broker-key.pem");
        assertEquals(cert, TlsContexts.certificatePath(settings()));
        assertFalse(Files.exists(cert));

        TlsContexts.serverContext(settings());
        byte[] certBytes = Files.readAllBytes(cert);
        byte[] keyBytes = Files.readAllBytes(key);
        assertTrue(new String(keyBytes).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(key));
        }

        TlsContexts.serverContext(settings());
        assertArrayEquals(certBytes, Files.readAllBytes(cert));
        assertArrayEquals(keyBytes, Files.readAllBytes(key));
        try (var files = Files.list(home.resolve("tls"))) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void keyFilesReadableByOthersAreNoticed() throws Exception {
        Path key = Files.createFile(home.resolve("key.pem"));
        if (!Files.getFileStore(key).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertFalse(TlsContexts.readableByOthers(key));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(TlsContexts.readableByOthers(key));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
        assertTrue(TlsContexts.readableByOthers(key));
        assertFalse(TlsContexts.readableByOthers(home.resolve("missing.pem")));
    }

    @Test
    void aLoneCertificateIsReplacedWithAFreshPair() throws Exception {
        TlsContexts.serverContext(settings());
        Path cert = TlsContexts.certificatePath(settings());
        X509Certificate first = load(cert);
        Files.delete(TlsContexts.keyPath(settings()));

        TlsContexts.serverContext(settings());
        assertNotEquals(first, load(cert));
        assertTrue(Files.exists(TlsContexts.keyPath(settings())));
    }

    @Test
    void generatedCertificateHasTheAgreedShape() throws Exception {
        TlsContexts.serverContext(settings());
        X509Certificate cert = load(TlsContexts.certificatePath(settings()));

        ECPublicKey key = (ECPublicKey) cert.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        String host = SelfSignedCertificates.hostName();
        assertEquals("CN=" + host, cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey());
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(3_650)) > 0 && validity.compareTo(Duration.ofDays(3_660)) < 0,
                validity.toString());
        assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3_640))));
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");

        Set<String> dns = new HashSet<>();
        Set<InetAddress> ips = new HashSet<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            if ((Integer) san.get(0) == 2) {
                dns.add((String) san.get(1));
            } else if ((Integer) san.get(0) == 7) {
                ips.add(InetAddress.getByName((String) san.get(1)));
            }
        }
        assertEquals(Set.of(host, "localhost"), dns);
        assertTrue(ips.contains(InetAddress.getByName("127.0.0.1")), ips.toString());
        assertTrue(ips.contains(InetAddress.getByName("::1")), ips.toString());
        for (InetAddress address : SelfSignedCertificates.hostAddresses()) {
            assertTrue(ips.contains(InetAddress.getByAddress(address.getAddress())), address + " in " + ips);
        }
    }

    @Test
    void onlyTls12And13AreEnabled() {
        SslContext context = TlsContexts.serverContext(settings());
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        assertEquals(Set.of("TLSv1.2", "TLSv1.3"), Set.of(engine.getEnabledProtocols()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkClientTrustingTheGeneratedCertificateCompletesAHandshake(String protocol) throws Exception {
        SslContext context = TlsContexts.serverContext(settings());
        X509Certificate cert = load(TlsContexts.certificatePath(settings()));
        try (EchoTlsServer server = new EchoTlsServer(context);
                SSLSocket socket = connect(TestCertificates.trusting(cert), server.port(), protocol)) {
            socket.startHandshake();
            assertEquals(protocol, socket.getSession().getProtocol());
            socket.getOutputStream().write(42);
            socket.getOutputStream().flush();
            assertEquals(42, socket.getInputStream().read());
        }
    }

    @Test
    void clientNotTrustingTheCertificateFails() throws Exception {
        SslContext context = TlsContexts.serverContext(settings());
        SSLContext otherTrust = TestCertificates.trusting(
                TestCertificates.certificate("other", TestCertificates.keyPair("EC"), "other", null, true));
        try (EchoTlsServer server = new EchoTlsServer(context);
                SSLSocket socket = connect(otherTrust, server.port(), "TLSv1.3")) {
            assertThrows(SSLHandshakeException.class, socket::startHandshake);
        }
    }

    /**
     * A hand-written ClientHello, because the JDK client itself refuses to offer TLS 1.1: the server answers
     * TLS 1.2 with a ServerHello and TLS 1.1 with a protocol_version alert.
     */
    @Test
    void tls11IsRefused() throws Exception {
        SslContext context = TlsContexts.serverContext(settings());
        try (EchoTlsServer server = new EchoTlsServer(context)) {
            byte[] tls12 = firstRecord(server.port(), clientHello(3));
            assertEquals(0x16, tls12[0], "TLS 1.2 gets a handshake record");
            assertEquals(0x02, tls12[5], "ServerHello");

            byte[] tls11 = firstRecord(server.port(), clientHello(2));
            assertEquals(0x15, tls11[0], "TLS 1.1 gets an alert");
            assertEquals(2, tls11[5], "fatal");
            assertEquals(70, tls11[6], "protocol_version");
        }
    }

    private static SSLSocket connect(SSLContext client, int port, String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** @return the server's first TLS record (header and body) in answer to {@code hello} */
    private static byte[] firstRecord(int port, byte[] hello) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[5];
            in.readFully(header);
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            byte[] record = new byte[5 + length];
            System.arraycopy(header, 0, record, 0, 5);
            in.readFully(record, 5, length);
            return record;
        } catch (EOFException e) {
            throw new AssertionError("the server closed without answering", e);
        }
    }

    /** @param minor 2 = TLS 1.1, 3 = TLS 1.2 (client_version 3.minor, no supported_versions extension) */
    private static byte[] clientHello(int minor) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(minor);
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        // ECDHE_ECDSA with AES_128_GCM_SHA256 (TLS 1.2) and AES_128_CBC_SHA (TLS 1.1), and the RSA variants
        body.writeBytes(new byte[] {0, 8, (byte) 0xC0, 0x2B, (byte) 0xC0, 0x2F, (byte) 0xC0, 0x09, (byte) 0xC0, 0x13});
        body.writeBytes(new byte[] {1, 0}); // null compression
        byte[] extensions = {
            0x00, 0x0a, 0, 6, 0, 4, 0, 0x17, 0, 0x18,                  // supported_groups: P-256, P-384
            0x00, 0x0b, 0, 2, 1, 0,                                    // ec_point_formats: uncompressed
            0x00, 0x0d, 0, 8, 0, 6, 4, 3, 8, 4, 4, 1,                  // signature_algorithms
        };
        body.write(0);
        body.write(extensions.length);
        body.writeBytes(extensions);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 3, 1, (byte) ((b.length + 4) >> 8), (byte) (b.length + 4)});
        record.writeBytes(new byte[] {1, 0, (byte) (b.length >> 8), (byte) b.length});
        record.writeBytes(b);
        return record.toByteArray();
    }

    @Test
    void helloIsWellFormed() throws Exception {
        byte[] hello = clientHello(2);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(hello));
        assertEquals(0x16, in.readByte());
        in.readShort();
        assertEquals(hello.length - 5, in.readUnsignedShort());
    }
}
