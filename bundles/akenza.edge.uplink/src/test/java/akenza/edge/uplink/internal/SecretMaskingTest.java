// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akenza.edge.api.log.LogText;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder's own connector secret is masked by the one masking function, in every bundle's log lines. */
class SecretMaskingTest {

    @TempDir
    Path dir;

    @Test
    void theForwardersConnectorSecretIsMaskedWhileConfiguredOnly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> props = Configs.upstream(closedPort, dir);
        String first = "fwd-secret-one-" + System.nanoTime();
        String second = "fwd-secret-two-" + System.nanoTime();
        props.put("connector.secret", first);
        ForwarderComponent f = new ForwarderComponent();
        f.bindTopicPolicy(TopicPolicies.akenza());
        f.activate(Configs.of(props));
        try {
            // A device that puts the gateway's secret into its client id: logged by another bundle via LogText.
            assertEquals("client-****", LogText.of("client-" + first));

            props.put("connector.secret", second);
            f.modified(Configs.of(props));
            assertEquals("client-****", LogText.of("client-" + second));
            assertEquals("client-" + first, LogText.of("client-" + first), "a secret no longer configured");
        } finally {
            f.deactivate();
        }
        assertEquals("client-" + second, LogText.of("client-" + second), "withdrawn when the forwarder stops");
    }
}
