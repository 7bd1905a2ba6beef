// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.eclipse.kura.security.keystore.KeystoreService;

/**
 * The TLS listener's certificate and key from one of Kura's keystores (managed in Kura's Certificates page),
 * chosen by the keystore service's {@code kura.service.pid} and an alias of a private-key entry, as an
 * alternative to PEM files. Knows every keystore service there is, so a selection can change at any time.
 */
public final class KeystoreTls {

    /** Kura's {@code KeystoreChangedEvent.EVENT_TOPIC}: posted by a keystore service whenever an entry changes. */
    public static final String CHANGED_TOPIC = "org/eclipse/kura/security/keystore/KeystoreChangedEvent/KEYSTORE_CHANGED";
    /** Kura's {@code KeystoreChangedEvent.SENDER_PID_PROPERTY_KEY}: the keystore's kura.service.pid. */
    public static final String SENDER_PID = "sender.pid";

    private final Map<String, KeystoreService> keystores = new ConcurrentHashMap<>();
    private volatile String pid = "";
    private volatile String alias = "";

    /**
     * @param kuraServicePid a keystore service's kura.service.pid
     * @param keystore the service
     */
    public void add(String kuraServicePid, KeystoreService keystore) {
        keystores.put(kuraServicePid, keystore);
    }

    /**
     * @param kuraServicePid a keystore service's kura.service.pid
     * @param keystore the service going away
     */
    public void remove(String kuraServicePid, KeystoreService keystore) {
        keystores.remove(kuraServicePid, keystore);
    }

    /**
     * @param keystorePid the selected keystore's kura.service.pid; empty = use the PEM files
     * @param keyAlias the alias of the private-key entry
     * @return whether the selection changed
     */
    public synchronized boolean select(String keystorePid, String keyAlias) {
        String p = keystorePid == null ? "" : keystorePid.trim();
        String a = keyAlias == null ? "" : keyAlias.trim();
        boolean changed = !p.equals(pid) || !a.equals(alias);
        pid = p;
        alias = a;
        return changed;
    }

    /** @return whether a keystore is selected (else the PEM files are used) */
    public boolean selected() {
        return !pid.isEmpty();
    }

    /**
     * @param kuraServicePid a keystore's kura.service.pid, or {@code null}
     * @return whether it is the selected keystore
     */
    public boolean concerns(Object kuraServicePid) {
        return selected() && pid.equals(kuraServicePid);
    }

    /**
     * @return a server context with the selected entry's key and certificate chain
     * @throws TlsMaterialException when the keystore is absent or the entry is not a usable private key entry
     */
    public SslContext serverContext() {
        String p = pid;
        String a = alias;
        KeystoreService keystore = keystores.get(p);
        if (keystore == null) {
            throw new TlsMaterialException("keystore service " + p + " is not available");
        }
        KeyStore.Entry entry;
        try {
            entry = keystore.getEntry(a);
        } catch (Exception e) {
            throw new TlsMaterialException("cannot read entry " + a + " of keystore " + p + ": "
                    + e.getClass().getSimpleName());
        }
        if (!(entry instanceof KeyStore.PrivateKeyEntry keyEntry)) {
            throw new TlsMaterialException("keystore " + p + " has no private key entry " + a);
        }
        Certificate[] chain = keyEntry.getCertificateChain();
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate c)) {
                throw new TlsMaterialException("entry " + a + " of keystore " + p + " holds no X.509 certificate");
            }
            x509[i] = c;
        }
        try {
            return SslContextBuilder.forServer(keyEntry.getPrivateKey(), x509).sslProvider(SslProvider.JDK)
                    .protocols(TlsContexts.PROTOCOLS).build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsMaterialException("cannot use entry " + a + " of keystore " + p + ": "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return selected() ? "keystore " + pid + " entry " + alias : "PEM files";
    }
}
