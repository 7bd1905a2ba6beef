// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.testing.AkenzaUpstream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream over TLS: trusted through {@code ca.path}, refused with the system trust store. */
class TlsUpstreamTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path hivemqDir;

    @TempDir
    Path dir;

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
    }

    @Test
    void connectsWithTheConfiguredCaAndRefusesAnUntrustedServer() throws Exception {
        Path keystore = hivemqDir.resolve("server.jks");
        Path ca = hivemqDir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "JKS", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", ca.toString());
        try (AkenzaUpstream upstream = AkenzaUpstream.start(hivemqDir, List.of(), keystore, PASSWORD);
                CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", true)) {
            Map<String, Object> untrusted = Configs.upstream(upstream.tlsPort(), dir);
            untrusted.put("tls", true);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(untrusted));
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> f.status().details().get("upstream.last.error") != null);
                assertTrue(!"connected".equals(f.status().details().get("upstream.state")));

                Map<String, Object> trusted = Configs.upstream(upstream.tlsPort(), dir);
                trusted.put("tls", true);
                trusted.put("ca.path", ca.toString());
                f.modified(Configs.of(trusted));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "connected".equals(f.status().details().get("upstream.state")));
                assertTrue(f.status().details().get("upstream.server").startsWith("ssl://"));
                f.offer(TestUplinks.numbered("dev-1", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> !cloud.received.isEmpty());
                assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/data", cloud.received.get(0).topic());
            } finally {
                f.deactivate();
            }
        }
    }

    @Test
    void trustsTheCertificatesOfTheSelectedKuraKeystore() throws Exception {
        Path keystore = hivemqDir.resolve("server.jks");
        keytool("-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "JKS", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore jks = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(keystore)) {
            jks.load(in, PASSWORD.toCharArray());
        }
        Certificate serverCert = jks.getCertificate("upstream");
        try (AkenzaUpstream upstream = AkenzaUpstream.start(hivemqDir, List.of(), keystore, PASSWORD)) {
            Map<String, Object> props = Configs.upstream(upstream.tlsPort(), dir);
            props.put("tls", true);
            props.put("ca.keystore.service.pid", "SSLKeystore");
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            // Another keystore trusting the server must not be used; the selected one does not trust it yet.
            f.bindKeystoreService(new TestKeystore().trust("akenza", serverCert),
                    Map.of("kura.service.pid", "OtherKeystore"));
            TestKeystore selected = new TestKeystore();
            f.bindKeystoreService(selected, Map.of("kura.service.pid", "SSLKeystore"));
            f.activate(Configs.of(props));
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> f.status().details().get("upstream.last.error") != null);
                assertTrue(!"connected".equals(f.status().details().get("upstream.state")));

                // Added in Kura's Certificates page: used from the next connection attempt, without a restart.
                selected.trust("akenza", serverCert);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> "connected".equals(f.status().details().get("upstream.state")));
            } finally {
                f.deactivate();
            }
        }
    }
}
