// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.X509CRL;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.security.auth.x500.X500Principal;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * A Kura KeystoreService test instance: an in-memory PKCS#12 key store that, like Kura's own
 * {@code KeystoreServiceImpl}, posts a {@code KeystoreChangedEvent} (topic and {@code sender.pid}) whenever an
 * entry is set or deleted. Key generation and CSRs are not needed by the broker and not offered.
 */
final class TestKeystoreService implements KeystoreService {

    static final String CHANGED_TOPIC = "org/eclipse/kura/security/keystore/KeystoreChangedEvent/KEYSTORE_CHANGED";
    private static final char[] PASSWORD = "itest".toCharArray();

    private final String kuraServicePid;
    private final EventAdmin events;
    private final KeyStore store;

    TestKeystoreService(String kuraServicePid, EventAdmin events) throws Exception {
        this.kuraServicePid = kuraServicePid;
        this.events = events;
        this.store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
    }

    @Override
    public KeyStore getKeyStore() {
        return store;
    }

    @Override
    public synchronized KeyStore.Entry getEntry(String alias) throws KuraException {
        try {
            return store.getEntry(alias, store.isKeyEntry(alias) ? new KeyStore.PasswordProtection(PASSWORD) : null);
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.NOT_FOUND, e, alias);
        }
    }

    @Override
    public synchronized void setEntry(String alias, KeyStore.Entry entry) throws KuraException {
        try {
            store.setEntry(alias, entry, entry instanceof KeyStore.PrivateKeyEntry
                    ? new KeyStore.PasswordProtection(PASSWORD) : null);
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e, alias);
        }
        changed();
    }

    @Override
    public synchronized Map<String, KeyStore.Entry> getEntries() throws KuraException {
        Map<String, KeyStore.Entry> all = new HashMap<>();
        for (String alias : getAliases()) {
            all.put(alias, getEntry(alias));
        }
        return all;
    }

    @Override
    public synchronized void deleteEntry(String alias) throws KuraException {
        try {
            store.deleteEntry(alias);
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e, alias);
        }
        changed();
    }

    private void changed() {
        events.postEvent(new Event(CHANGED_TOPIC, Map.of("sender.pid", kuraServicePid)));
    }

    @Override
    public synchronized List<String> getAliases() throws KuraException {
        try {
            return new ArrayList<>(Collections.list(store.aliases()));
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e);
        }
    }

    @Override
    public List<KeyManager> getKeyManagers(String algorithm) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes, SecureRandom secureRandom) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes, SecureRandom secureRandom) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public String getCSR(KeyPair keyPair, X500Principal principal, String signerAlg) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public String getCSR(String alias, X500Principal principal, String signerAlg) {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public Collection<CRL> getCRLs() {
        return List.of();
    }

    @Override
    public CertStore getCRLStore() {
        throw new UnsupportedOperationException("not needed by the broker");
    }

    @Override
    public void addCRL(X509CRL crl) {
        throw new UnsupportedOperationException("not needed by the broker");
    }
}
