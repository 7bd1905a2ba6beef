// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.kura.security.keystore.KeystoreService;

/**
 * Makes the upstream client the configuration asks for (Netty by default, Paho when selected), with the trust
 * the configuration names: a Kura keystore's trusted certificates, a CA file or the system store.
 */
public final class UpstreamClients implements AutoCloseable {

    private final Map<String, KeystoreService> keystores = new ConcurrentHashMap<>();
    private final UpstreamLoop loop = new UpstreamLoop();
    private volatile String caKeystorePid = "";

    /**
     * @param pid the keystore's {@code kura.service.pid}
     * @param keystore a Kura keystore service that appeared
     */
    public void keystoreAdded(String pid, KeystoreService keystore) {
        keystores.put(pid, keystore);
    }

    /**
     * @param pid the keystore's {@code kura.service.pid}
     * @param keystore a Kura keystore service that went away
     */
    public void keystoreRemoved(String pid, KeystoreService keystore) {
        keystores.remove(pid, keystore);
    }

    /** @param pid the {@code kura.service.pid} of the keystore whose certificates are trusted, or empty */
    public void caKeystore(String pid) {
        caKeystorePid = pid;
    }

    /**
     * @param up the upstream settings
     * @param window the most unacknowledged publishes for MQTT 3.1.1
     * @return a factory making one client per connection attempt
     */
    public Function<UpstreamListener, UpstreamClient> factory(UpstreamSettings up, int window) {
        return listener -> {
            TlsSocketFactory sf = null;
            if (up.tls()) {
                try {
                    sf = tlsSocketFactory(up);
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
                }
            }
            if (!up.paho()) {
                return new NettyUpstream(up, sf, listener, window, loop);
            }
            return up.mqtt5() ? new Paho5Upstream(up, sf, listener) : new Paho3Upstream(up, sf, listener, window);
        };
    }

    /** Stops the Netty clients' shared event loop; call after the last client is closed. */
    @Override
    public void close() {
        loop.close();
    }

    /** Trust: the selected Kura keystore's trusted certificates (read now), else the CA file or the system store. */
    private TlsSocketFactory tlsSocketFactory(UpstreamSettings up) throws IOException, GeneralSecurityException {
        String pid = caKeystorePid;
        if (pid.isEmpty()) {
            return TlsSocketFactory.create(up.caPath());
        }
        KeystoreService keystore = keystores.get(pid);
        if (keystore == null) {
            throw new IOException("CA keystore " + pid + " is not available");
        }
        List<Certificate> cas = new ArrayList<>();
        try {
            for (KeyStore.Entry e : keystore.getEntries().values()) {
                if (e instanceof KeyStore.TrustedCertificateEntry t) {
                    cas.add(t.getTrustedCertificate());
                }
            }
        } catch (Exception e) {
            throw new IOException("cannot read CA keystore " + pid + ": " + e.getClass().getSimpleName(), e);
        }
        return TlsSocketFactory.trusting(cas);
    }
}
