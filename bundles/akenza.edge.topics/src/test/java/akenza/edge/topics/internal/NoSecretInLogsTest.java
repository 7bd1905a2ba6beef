// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal;

import static akenza.edge.topics.internal.testing.Configs.config;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.topics.internal.testing.Identities;
import akenza.edge.topics.internal.testing.TestConnector;
import akenza.edge.topics.internal.testing.TestDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drives every logging path with secrets in every place a device could put them, then reads the test log
 * (slf4j-simple writes it, at debug level for this bundle: see {@code simplelogger.properties}).
 */
class NoSecretInLogsTest {

    private static final String SECRET = "Zq9SuperSecretLevel";
    private static final Path LOG = Path.of("target", "topics-test.log");

    @Test
    void refusalsAndMappingsNeverLogASecret() throws Exception {
        TopicPolicyComponent policy = new TopicPolicyComponent();
        policy.activate(config(Map.of("legacy.templates", "uplink tele/{deviceId}/{topic} as connector:cz")));
        DeviceIdentity connector = DeviceIdentity.connector(new TestConnector("cz", SECRET, Set.of("dev-1")));
        String[] topics = { "/up/" + SECRET + "/id/dev-9", "up/" + SECRET + "/id/dev-1", "//up/" + SECRET + "/id/x",
            "tele/" + SECRET + "/x", "x/" + SECRET, "/up/" + SECRET + "/id/dev-1/", "/up/" + SECRET + "/id/dev-1/+",
            "/up/" + SECRET + "/id/dev-1/\n" + SECRET };
        for (String topic : topics) {
            policy.classifyPublish(connector, topic);
            policy.refuseSubscribe(connector, topic);
            policy.refuseSubscribe(connector, "$share/g/" + topic);
            policy.classifyPublish(Identities.named("jwt:dev-1"), topic.replace(SECRET, "device"));
        }
        policy.refuseSubscribe(connector, "/down/" + SECRET + "/id/dev-9/#");
        policy.localDownlinkTopics("/down/" + SECRET + "/id/dev-1/x", "another");
        policy.localDownlinkTopics("down/" + SECRET + "/id/dev-1/x", SECRET);
        policy.bindDeviceDirectory(id -> {
            throw new IllegalStateException(SECRET);
        });
        policy.localDownlinkTopics("/down/up/id/dev-1/x", "up");
        policy.bindDeviceDirectory(new TestDirectory().with("dev-1", false, Identities.C1));
        policy.localDownlinkTopics("/down/up/id/dev-1/x", "up");

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("Refused PUBLISH from CONNECTOR_SECRET:cz"), "debug logging must be on for this test");
        assertTrue(log.contains("Refused SUBSCRIBE from CONNECTOR_SECRET:cz"));
        assertTrue(log.contains("Device directory lookup"));
        assertFalse(log.contains(SECRET), "a secret reached the log");
        assertFalse(log.contains("s3cr3t"), "a connector secret reached the log");
    }
}
