// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceDirectory;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.Uplink;
import akenza.edge.topics.internal.testing.Identities;
import akenza.edge.topics.internal.testing.MqttMatch;
import akenza.edge.topics.internal.testing.TestConnector;
import akenza.edge.topics.internal.testing.TestDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudTopicsTest {

    /** The forwarder's upstream connector secret. */
    private static final String UP = "upSecret42";
    private static final String TEMPLATES = """
            uplink tele/{deviceId}/{topic} as connector:c1
            downlink cmnd/{deviceId}/{topic} as connector:c1
            downlink stat/{deviceId}/POWER as local
            """;
    private static final TestConnector NOT_FOR_DEV1 = new TestConnector("c3", "third", Set.of("dev-9"));

    private final PolicyCounters counters = new PolicyCounters();
    private final PolicySettings settings = PolicySettings.of("default", "_", 1024, 8, TEMPLATES);
    private DeviceDirectory directory;
    private final CloudTopics cloud = new CloudTopics(settings, counters, () -> directory);
    private final PublishClassifier classifier = new PublishClassifier(settings, counters);
    private final SubscribeGuard guard = new SubscribeGuard(settings, counters);

    // ---- uplinks

    static Stream<Arguments> uplinks() {
        return Stream.of(
                Arguments.of("jwt:dev-1", "/up/device/id/dev-1", "/up/" + UP + "/id/dev-1"),
                Arguments.of("jwt:dev-1", "/up/device/id/dev-1/alerts/critical", "/up/" + UP + "/id/dev-1/alerts/critical"),
                Arguments.of("c1", "/up/s3cr3t/id/dev-2/a", "/up/" + UP + "/id/dev-2/a"),
                Arguments.of("c1", "tele/dev-1/SENSOR", "/up/" + UP + "/id/dev-1/SENSOR"),
                Arguments.of("c1", "tele/dev-1/a/b", "/up/" + UP + "/id/dev-1/a/b"),
                Arguments.of("jwt:capteur-é", "/up/device/id/capteur-é/t", "/up/" + UP + "/id/capteur-é/t"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("uplinks")
    void uplinkMapsToTheCloudAndAkenzaDerivesTheSameTopic(String identity, String local, String expectedCloud) {
        PublishDecision.UplinkRoute route = assertInstanceOf(PublishDecision.UplinkRoute.class,
                classifier.classify(Identities.named(identity), local));
        String cloudTopic = cloud.uplinkTopic(uplink(route, MessageProperties.NONE), UP);
        assertEquals(expectedCloud, cloudTopic);
        // what akenza sees: the gateway's connector publishing that cloud topic classifies to the same route
        DeviceIdentity gateway = DeviceIdentity.connector(new TestConnector("gw", UP, null));
        assertEquals(route, classifier.classify(gateway, cloudTopic));
    }

    @Test
    void customSeparatorOrDefaultTopicTravelsAsOneLevel() {
        PolicySettings custom = PolicySettings.of("data", "-", 1024, 8, "");
        CloudTopics c = new CloudTopics(custom, counters, () -> null);
        PublishClassifier p = new PublishClassifier(custom, counters);
        var jwt = Identities.named("jwt:dev-1");
        var two = (PublishDecision.UplinkRoute) p.classify(jwt, "/up/device/id/dev-1/a/b");
        assertEquals("/up/" + UP + "/id/dev-1/a-b", c.uplinkTopic(uplink(two, MessageProperties.NONE), UP));
        var none = (PublishDecision.UplinkRoute) p.classify(jwt, "/up/device/id/dev-1");
        assertEquals("/up/" + UP + "/id/dev-1/data", c.uplinkTopic(uplink(none, MessageProperties.NONE), UP));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a/b", "+", "#", "x\ny" })
    void unusableUpstreamSecretsAreRefusedWithoutShowingThem(String secret) {
        var route = (PublishDecision.UplinkRoute) classifier.classify(Identities.named("jwt:dev-1"),
                "/up/device/id/dev-1");
        var e = assertThrows(IllegalArgumentException.class,
                () -> cloud.uplinkTopic(uplink(route, MessageProperties.NONE), secret));
        assertFalse(!secret.isEmpty() && e.getMessage().contains(secret));
        assertThrows(IllegalArgumentException.class, () -> cloud.downlinkFilter(secret));
        assertThrows(IllegalArgumentException.class, () -> cloud.downlinkFilter("dev-1", secret));
    }

    @Test
    void uplinkWithAnInvalidDeviceIdOrLevelCannotBeSent() {
        Uplink badDevice = new Uplink("+", List.of(), "default", new byte[0], 1, false, null, Instant.now());
        assertThrows(IllegalArgumentException.class, () -> cloud.uplinkTopic(badDevice, UP));
        Uplink badLevel = new Uplink("dev-1", List.of("a/#"), "a/#", new byte[0], 1, false, null, Instant.now());
        assertThrows(IllegalArgumentException.class, () -> cloud.uplinkTopic(badLevel, UP));
    }

    // ---- downlink filters

    @Test
    void downlinkFilters() {
        assertEquals("/down/" + UP + "/id/+/#", cloud.downlinkFilter(UP));
        assertEquals("/down/" + UP + "/id/dev-1/#", cloud.downlinkFilter("dev-1", UP));
        for (String hostile : new String[] { "+", "#", "a/b", "..", "", "x\u202e" }) {
            assertThrows(IllegalArgumentException.class, () -> cloud.downlinkFilter(hostile, UP), hostile);
        }
    }

    // ---- cloud downlinks to local topics

    @Test
    void withoutDirectoryTheJwtFormAndFittingTemplatesAreUsed() {
        assertEquals(List.of("/down/device/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
        assertEquals(List.of("/down/device/id/dev-1", "stat/dev-1/POWER"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1", UP));
        assertEquals(List.of("/down/device/id/dev-1/a/b", "cmnd/dev-1/a/b"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/a/b", UP));
        // a trailing slash is an empty sub-topic level: kept, so the local topic has the cloud topic's shape
        assertEquals(List.of("/down/device/id/dev-1/", "cmnd/dev-1/"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/", UP));
    }

    @Test
    void jwtDeviceGetsTheJwtForm() {
        directory = new TestDirectory().with("dev-1", true);
        assertEquals(List.of("/down/device/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
    }

    @Test
    void connectorDeviceGetsTheFormOfEveryConnectorThatAllowsIt() {
        directory = new TestDirectory().with("dev-1", false, Identities.C1, Identities.C2, NOT_FOR_DEV1);
        assertEquals(List.of("/down/s3cr3t/id/dev-1/cfg", "/down/other/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
    }

    @Test
    void deviceWithKeysAndConnectorsGetsBothForms() {
        directory = new TestDirectory().with("dev-1", true, Identities.C1);
        assertEquals(List.of("/down/device/id/dev-1/cfg", "/down/s3cr3t/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
    }

    @Test
    void unknownOrEmptyRegistrationFallsBackToTheJwtForm() {
        directory = new TestDirectory().with("dev-2", false, NOT_FOR_DEV1);
        assertEquals(List.of("/down/device/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
        assertEquals(List.of("/down/device/id/dev-2/cfg", "cmnd/dev-2/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-2/cfg", UP));
    }

    @Test
    void failingDirectoryFallsBackToTheJwtFormAndIsCounted() {
        directory = id -> {
            throw new IllegalStateException("registry closed");
        };
        assertEquals(List.of("/down/device/id/dev-1/cfg", "cmnd/dev-1/cfg"),
                cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP));
        assertEquals(1L, counters.snapshot().get("directory.failures"));
    }

    @Test
    void mappedDownlinksReachOnlyTheRightDevicesSubscriptions() {
        directory = new TestDirectory().with("dev-1", true, Identities.C1).with("dev-2", false, Identities.C1);
        List<String> topics = cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP);
        // every subscription the policy allows dev-1's identities receives at least one of the topics
        assertTrue(receives(Identities.named("jwt:dev-1"), "/down/device/id/dev-1/#", topics));
        assertTrue(receives(Identities.named("c1"), "/down/s3cr3t/id/dev-1/#", topics));
        assertTrue(receives(Identities.named("c1"), "cmnd/dev-1/#", topics));
        // what other devices may subscribe to receives none of them
        assertFalse(receives(Identities.named("c1"), "/down/s3cr3t/id/dev-2/#", topics));
        assertFalse(receives(Identities.named("c1"), "cmnd/dev-2/#", topics));
        assertFalse(receives(Identities.named("c2"), "/down/other/id/dev-2/#", topics));
    }

    private boolean receives(DeviceIdentity identity, String filter, List<String> topics) {
        assertEquals(Optional.empty(), guard.refuse(identity, filter), "policy must allow " + filter);
        return topics.stream().anyMatch(t -> MqttMatch.matches(filter, t));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/down/other/id/dev-1/cfg", "/down/UPSECRET42/id/dev-1", "/down/upSecret4/id/dev-1",
            "/down/" + UP, "/down/" + UP + "/id", "/down/" + UP + "/ID/dev-1", "/up/" + UP + "/id/dev-1",
            "down/" + UP + "/id/dev-1", "/down/" + UP + "/id/+/x", "/down/" + UP + "/id/../x",
            "/down/" + UP + "/id/dev-1/a\u0000", "/down/" + UP + "/id/dev-1/#", "", "/" })
    void anythingElseIsNotADownlink(String cloudTopic) {
        directory = new TestDirectory().with("dev-1", true, Identities.C1);
        assertEquals(List.of(), cloud.localDownlinkTopics(cloudTopic, UP));
        assertEquals(1L, counters.snapshot().get("downlinks.ignored"));
        assertEquals(0L, counters.snapshot().get("downlinks.mapped"));
    }

    @Test
    void downlinksAreCounted() {
        cloud.localDownlinkTopics("/down/" + UP + "/id/dev-1/cfg", UP);
        cloud.localDownlinkTopics("/down/nope/id/dev-1/cfg", UP);
        assertEquals(1L, counters.snapshot().get("downlinks.mapped"));
        assertEquals(2L, counters.snapshot().get("downlinks.local.topics"));
        assertEquals(1L, counters.snapshot().get("downlinks.ignored"));
    }

    // ---- MQTT 5 response topics

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("/down/device/id/dev-1/resp", "/down/" + UP + "/id/dev-1/resp"),
                Arguments.of("/down/device/id/dev-1/a/b", "/down/" + UP + "/id/dev-1/a/b"),
                Arguments.of("/down/device/id/dev-1", "/down/" + UP + "/id/dev-1"),
                Arguments.of("/down/s3cr3t/id/dev-1/resp", "/down/" + UP + "/id/dev-1/resp"),
                Arguments.of("cmnd/dev-1/resp", "/down/" + UP + "/id/dev-1/resp"),
                Arguments.of("stat/dev-1/POWER", "/down/" + UP + "/id/dev-1"),
                Arguments.of("/down/device/id/dev-2/resp", ""),
                Arguments.of("/down/device/id/+/resp", ""),
                Arguments.of("/down/device/id/dev-1/#", ""),
                Arguments.of("/down//id/dev-1/resp", ""),
                Arguments.of("/down/device/id", ""),
                Arguments.of("/up/device/id/dev-1/resp", ""),
                Arguments.of("replies/dev-1", ""),
                Arguments.of("cmnd/dev-2/resp", ""),
                Arguments.of("/down/device/id/dev-1/" + "x".repeat(1100), ""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("responses")
    void responseTopicsInTheDevicesDownlinkTreeMapToTheCloud(String local, String expected) {
        Uplink uplink = uplinkWithResponse("dev-1", local);
        Optional<String> mapped = cloud.responseTopic(uplink, UP);
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), mapped);
        assertEquals(expected.isEmpty() ? 1L : 0L, counters.snapshot().get("responses.dropped"));
        assertEquals(expected.isEmpty() ? 0L : 1L, counters.snapshot().get("responses.mapped"));
    }

    @Test
    void theReplyToAMappedResponseTopicComesBackToTheRequester() {
        directory = new TestDirectory().with("dev-1", true, Identities.C1);
        for (String local : List.of("/down/device/id/dev-1/resp", "/down/s3cr3t/id/dev-1/resp", "cmnd/dev-1/resp")) {
            String cloudTopic = cloud.responseTopic(uplinkWithResponse("dev-1", local), UP).orElseThrow();
            assertTrue(cloud.localDownlinkTopics(cloudTopic, UP).contains(local), local);
        }
    }

    @Test
    void noResponseTopicIsNotCounted() {
        assertEquals(Optional.empty(), cloud.responseTopic(uplinkWithResponse("dev-1", null), UP));
        assertEquals(0L, counters.snapshot().get("responses.dropped"));
    }

    private static Uplink uplinkWithResponse(String deviceId, String responseTopic) {
        return new Uplink(deviceId, List.of(), "default", new byte[] { 1 }, 1, false,
                MessageProperties.NONE.withResponseTopic(responseTopic), Instant.now());
    }

    private static Uplink uplink(PublishDecision.UplinkRoute route, MessageProperties properties) {
        return new Uplink(route.deviceId(), route.levels(), route.akenzaTopic(), "{}".getBytes(), 1, false,
                properties, Instant.now());
    }
}
