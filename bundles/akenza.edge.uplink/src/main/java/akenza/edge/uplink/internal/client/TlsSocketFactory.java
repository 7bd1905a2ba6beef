// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLSocketFactory} that speaks TLS 1.2 or 1.3 only, trusting the system store or the CA
 * certificates of a PEM file.
 */
public final class TlsSocketFactory extends SSLSocketFactory {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final SSLSocketFactory delegate;
    private final String[] protocols;

    private TlsSocketFactory(SSLContext context, String[] supported) {
        this.context = context;
        this.delegate = context.getSocketFactory();
        this.protocols = Arrays.stream(PROTOCOLS).filter(p -> Arrays.asList(supported).contains(p))
                .toArray(String[]::new);
    }

    /**
     * @param caPath a PEM file with one or more CA certificates, or empty for the system trust store
     * @return the factory
     * @throws IOException when the file cannot be read or holds no certificate
     * @throws GeneralSecurityException when TLS cannot be set up
     */
    public static TlsSocketFactory create(String caPath) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caPath == null || caPath.isBlank()) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(caPath.trim()))) {
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                if (certs.isEmpty()) {
                    throw new IOException("no certificate in " + caPath);
                }
                int i = 0;
                for (Certificate c : certs) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
            }
            tmf.init(trust);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return new TlsSocketFactory(context, context.getSupportedSSLParameters().getProtocols());
    }

    /**
     * @param cas the CA certificates to trust (for example the trusted entries of a Kura keystore)
     * @return the factory
     * @throws IOException when there is no certificate
     * @throws GeneralSecurityException when TLS cannot be set up
     */
    public static TlsSocketFactory trusting(Collection<? extends Certificate> cas)
            throws IOException, GeneralSecurityException {
        if (cas.isEmpty()) {
            throw new IOException("no trusted certificate");
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : cas) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return new TlsSocketFactory(context, context.getSupportedSSLParameters().getProtocols());
    }

    /**
     * A client-side engine with the same trust and protocols as the sockets, checking the server's name as
     * HTTPS does (what Paho's {@code setHttpsHostnameVerificationEnabled(true)} asks for).
     *
     * @param host the server's host name (also sent as SNI)
     * @param port the server's port
     * @return the engine, for a Netty {@code SslHandler}
     */
    public SSLEngine engine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(protocols);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    private Socket restrict(Socket socket) throws IOException {
        NoDelaySocketFactory.noDelay(socket);
        if (socket instanceof SSLSocket ssl) {
            ssl.setEnabledProtocols(protocols);
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return restrict(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return restrict(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return restrict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return restrict(delegate.createSocket(address, port, localAddress, localPort));
    }
}
