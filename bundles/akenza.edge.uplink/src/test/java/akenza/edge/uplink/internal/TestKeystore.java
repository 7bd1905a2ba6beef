// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.security.auth.x500.X500Principal;
import org.eclipse.kura.security.keystore.KeystoreService;

/** A Kura KeystoreService test instance holding trusted certificate entries only. */
final class TestKeystore implements KeystoreService {

    private final Map<String, KeyStore.Entry> entries = new LinkedHashMap<>();

    synchronized TestKeystore trust(String alias, Certificate ca) {
        entries.put(alias, new KeyStore.TrustedCertificateEntry(ca));
        return this;
    }

    @Override
    public KeyStore getKeyStore() {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized KeyStore.Entry getEntry(String alias) {
        return entries.get(alias);
    }

    @Override
    public synchronized void setEntry(String alias, KeyStore.Entry entry) {
        entries.put(alias, entry);
    }

    @Override
    public synchronized Map<String, KeyStore.Entry> getEntries() {
        return new LinkedHashMap<>(entries);
    }

    @Override
    public synchronized void deleteEntry(String alias) {
        entries.remove(alias);
    }

    @Override
    public List<KeyManager> getKeyManagers(String algorithm) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes, SecureRandom secureRandom) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes, SecureRandom secureRandom) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getCSR(KeyPair keyPair, X500Principal principal, String signerAlg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getCSR(String alias, X500Principal principal, String signerAlg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized List<String> getAliases() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public Collection<CRL> getCRLs() {
        return List.of();
    }

    @Override
    public CertStore getCRLStore() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addCRL(X509CRL crl) {
        throw new UnsupportedOperationException();
    }
}
