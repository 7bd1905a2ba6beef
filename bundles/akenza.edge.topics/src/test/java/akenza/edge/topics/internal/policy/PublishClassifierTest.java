// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.PublishDecision;
import akenza.edge.topics.internal.grammar.PublishRefusal;
import akenza.edge.topics.internal.testing.Identities;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublishClassifierTest {

    private static final String TEMPLATES = """
            uplink tele/{deviceId}/{topic} as connector:c1
            uplink plant/{deviceId}/{topic} as local:nodered
            uplink anon/{deviceId} as anonymous
            """;

    private final PolicyCounters counters = new PolicyCounters();
    private final PublishClassifier classifier = new PublishClassifier(
            PolicySettings.of("default", "_", 1024, 8, TEMPLATES), counters);

    /**
     * identity, topic, expected outcome: {@code route <device> <akenza topic> [levels joined by /]},
     * {@code local}, or {@code refused <PublishRefusal>}.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                // JWT devices: only their own /up/device/id/<id> tree
                row("jwt:dev-1", "/up/device/id/dev-1", "route dev-1 default"),
                row("jwt:dev-1", "/up/device/id/dev-1/alerts", "route dev-1 alerts alerts"),
                row("jwt:dev-1", "/up/device/id/dev-1/alerts/critical", "route dev-1 alerts_critical alerts/critical"),
                row("jwt:dev-1", "/up/device/id/dev-2", "refused WRONG_DEVICE"),
                row("jwt:dev-1", "/up/device/id/dev-2/alerts", "refused WRONG_DEVICE"),
                row("jwt:dev-1", "/up/device/id/DEV-1", "refused WRONG_DEVICE"),
                row("jwt:dev-1", "/up/device/id/dev-1/", "refused EMPTY_LEVEL"),
                row("jwt:dev-1", "/up/device/id/dev-1//x", "refused EMPTY_LEVEL"),
                row("jwt:dev-1", "/up/device/id/dev-1/x//", "refused EMPTY_LEVEL"),
                row("jwt:dev-1", "/up/device/id/+", "refused WILDCARD"),
                row("jwt:dev-1", "/up/device/id/dev-1/#", "refused WILDCARD"),
                row("jwt:dev-1", "/up/device/id/dev-1/a+b", "refused WILDCARD"),
                row("jwt:dev-1", "/up/device/id/dev-1/a\u0000b", "refused CONTROL_CHARACTER"),
                row("jwt:dev-1", "/up/device/id/dev-1/a\nb", "refused CONTROL_CHARACTER"),
                row("jwt:dev-1", "/up/device/id/dev-1/a\u007f", "refused CONTROL_CHARACTER"),
                row("jwt:dev-1", "/up/device/id/dev-1/a\u0085", "refused CONTROL_CHARACTER"),
                row("jwt:dev-1", "/up/device/id", "refused MALFORMED"),
                row("jwt:dev-1", "/up/device", "refused MALFORMED"),
                row("jwt:dev-1", "/up/", "refused MALFORMED"),
                row("jwt:dev-1", "/up/device/ID/dev-1", "refused MALFORMED"),
                row("jwt:dev-1", "/up/Device/id/dev-1", "refused MALFORMED"),
                row("jwt:dev-1", "/up/s3cr3t/id/dev-1", "refused MALFORMED"),
                row("jwt:dev-1", "/UP/device/id/dev-1", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "up/device/id/dev-1", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "//up/device/id/dev-1", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "/down/device/id/dev-1", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "$SYS/broker/load", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "tele/dev-1/SENSOR", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "", "refused MALFORMED"),
                row("jwt:dev-1", "/up/device/id/..", "refused INVALID_DEVICE_ID"),
                row("jwt:dev-1", "/up/device/id/dev-1/1/2/3/4/5/6/7/8", "route dev-1 1_2_3_4_5_6_7_8 1/2/3/4/5/6/7/8"),
                row("jwt:dev-1", "/up/device/id/dev-1/1/2/3/4/5/6/7/8/9", "refused TOO_DEEP"),
                row("jwt:capteur-é", "/up/device/id/capteur-é/température", "route capteur-é température température"),
                row("jwt:capteur-é", "/up/device/id/capteur-e", "refused WRONG_DEVICE"),
                // connectors: their own secret, their allowed devices
                row("c1", "/up/s3cr3t/id/dev-1", "route dev-1 default"),
                row("c1", "/up/s3cr3t/id/dev-2/alerts/critical", "route dev-2 alerts_critical alerts/critical"),
                row("c1", "/up/other/id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up/S3CR3T/id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up/s3cr3t /id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up/s3cr3/id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up/device/id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up//id/dev-1", "refused WRONG_SECRET"),
                row("c1", "/up/s3cr3t/id/dev-3", "refused DEVICE_NOT_ALLOWED"),
                row("c1", "/up/s3cr3t/id/dev-1/", "refused EMPTY_LEVEL"),
                row("c1", "/up/s3cr3t", "refused MALFORMED"),
                row("c1", "/up/s3cr3t/ID/dev-1", "refused MALFORMED"),
                row("c2", "/up/other/id/any-device/x", "route any-device x x"),
                row("c2", "/up/s3cr3t/id/dev-1", "refused WRONG_SECRET"),
                // hostile device ids (connector 2 allows every valid id)
                row("c2", "/up/other/id/dev+1", "refused WILDCARD"),
                row("c2", "/up/other/id/dev#1", "refused WILDCARD"),
                row("c2", "/up/other/id/", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/..", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/.", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/../x", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev 1", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev\u00a01", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev\u200b1", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev\u202e1", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev\ufeff1", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/dev\ud8001", "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/" + "d".repeat(129), "refused INVALID_DEVICE_ID"),
                row("c2", "/up/other/id/" + "d".repeat(128), "route " + "d".repeat(128) + " default"),
                row("c2", "/up/other/id/a..b", "route a..b default"),
                row("c2", "/up/other/id/デバイス/温度", "route デバイス 温度 温度"),
                row("c2", "/up/other/id/dev-\ud83d\ude00", "route dev-\ud83d\ude00 default"),
                // a device id is one level: dev/x is device "dev" with sub-topic "x"
                row("c2", "/up/other/id/dev/x", "route dev x x"),
                // legacy templates: granted identities only, the template's device still checked
                row("c1", "tele/dev-1/SENSOR", "route dev-1 SENSOR SENSOR"),
                row("c1", "tele/dev-2/a/b", "route dev-2 a_b a/b"),
                row("c1", "tele/dev-3/SENSOR", "refused DEVICE_NOT_ALLOWED"),
                row("c1", "tele/dev-1", "refused NOT_UPLINK_TOPIC"),
                row("c1", "tele/dev-1/", "refused EMPTY_LEVEL"),
                row("c1", "tele/../SENSOR", "refused INVALID_DEVICE_ID"),
                row("c1", "TELE/dev-1/SENSOR", "refused NOT_UPLINK_TOPIC"),
                row("c2", "tele/dev-1/SENSOR", "refused NOT_UPLINK_TOPIC"),
                row("jwt:dev-1", "plant/dev-1/x", "refused NOT_UPLINK_TOPIC"),
                // local applications and anonymous clients: local unless a template granted to them matches
                row("local:nodered", "/up/device/id/dev-1", "local"),
                row("local:nodered", "/up/s3cr3t/id/dev-1", "local"),
                row("local:nodered", "anything/at/all", "local"),
                row("local:nodered", "plant/dev-9/temp", "route dev-9 temp temp"),
                row("local:nodered", "plant/dev-9/temp/max", "route dev-9 temp_max temp/max"),
                row("local:nodered", "plant/../temp", "refused INVALID_DEVICE_ID"),
                row("local:nodered", "plant/dev-9/a\u0001", "refused CONTROL_CHARACTER"),
                row("local:nodered", "plant/+/temp", "refused WILDCARD"),
                row("local:nodered", "tele/dev-1/SENSOR", "local"),
                row("local:wires", "plant/dev-9/temp", "local"),
                row("anon", "anon/dev-5", "route dev-5 default"),
                row("anon", "anon/dev-5/x", "local"),
                row("anon", "plant/dev-9/temp", "local"));
    }

    private static Arguments row(String identity, String topic, String expected) {
        return Arguments.of(identity, topic, expected);
    }

    @ParameterizedTest(name = "{0} publishes {1} -> {2}")
    @MethodSource("table")
    void classifiesEveryTopicOfTheTable(String identity, String topic, String expected) {
        PublishDecision decision = classifier.classify(Identities.named(identity), topic);
        String[] want = expected.split(" ");
        switch (want[0]) {
            case "route" -> {
                PublishDecision.UplinkRoute route = assertInstanceOf(PublishDecision.UplinkRoute.class, decision);
                assertEquals(want[1], route.deviceId());
                assertEquals(want[2], route.akenzaTopic());
                assertEquals(want.length > 3 ? List.of(want[3].split("/")) : List.of(), route.levels());
            }
            case "local" -> assertInstanceOf(PublishDecision.LocalOnly.class, decision);
            default -> {
                PublishDecision.Refused refused = assertInstanceOf(PublishDecision.Refused.class, decision);
                PublishRefusal kind = PublishRefusal.valueOf(want[1]);
                assertTrue(refused.reason().startsWith(kind.reason()), refused.reason());
                assertEquals(1L, counters.snapshot().get("publish.refused." + kind.key()));
                assertFalse(refused.reason().contains("s3cr3t"), "reason must not hold the secret");
            }
        }
    }

    @Test
    void topicLengthIsCountedInUtf8BytesAgainstTheLimit() {
        String prefix = "/up/device/id/dev-1/";
        String fits = prefix + "a".repeat(1024 - prefix.length());
        assertInstanceOf(PublishDecision.UplinkRoute.class, classifier.classify(Identities.named("jwt:dev-1"), fits));
        PublishDecision tooLong = classifier.classify(Identities.named("jwt:dev-1"), fits + "a");
        assertEquals(PublishRefusal.TOO_LONG.reason() + " (1024 bytes)",
                assertInstanceOf(PublishDecision.Refused.class, tooLong).reason());
        // 2-byte characters: half as many characters fit
        String twoByte = prefix + "é".repeat((1024 - prefix.length()) / 2 + 1);
        assertInstanceOf(PublishDecision.Refused.class, classifier.classify(Identities.named("jwt:dev-1"), twoByte));
        // a huge topic is refused before it is split
        String huge = prefix + "x/".repeat(100_000) + "x";
        assertInstanceOf(PublishDecision.Refused.class, classifier.classify(Identities.named("jwt:dev-1"), huge));
        assertEquals(3L, counters.snapshot().get("publish.refused.too_long"));
    }

    @Test
    void deepTopicReasonNamesTheLimit() {
        PublishDecision d = classifier.classify(Identities.named("c1"), "/up/s3cr3t/id/dev-1" + "/x".repeat(9));
        assertEquals(PublishRefusal.TOO_DEEP.reason() + " (8)",
                assertInstanceOf(PublishDecision.Refused.class, d).reason());
    }

    @Test
    void customSeparatorAndDefaultTopicShapeTheAkenzaTopic() {
        PublishClassifier custom = new PublishClassifier(PolicySettings.of("data", "-", 1024, 2, ""), counters);
        PublishDecision.UplinkRoute none = assertInstanceOf(PublishDecision.UplinkRoute.class,
                custom.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1"));
        assertEquals("data", none.akenzaTopic());
        PublishDecision.UplinkRoute two = assertInstanceOf(PublishDecision.UplinkRoute.class,
                custom.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1/a/b"));
        assertEquals("a-b", two.akenzaTopic());
        assertInstanceOf(PublishDecision.Refused.class,
                custom.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1/a/b/c"));
    }

    @Test
    void zeroSubTopicLevelsAllowsOnlyTheDefaultTopic() {
        PublishClassifier flat = new PublishClassifier(PolicySettings.of("default", "_", 1024, 0, ""), counters);
        assertInstanceOf(PublishDecision.UplinkRoute.class,
                flat.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1"));
        assertInstanceOf(PublishDecision.Refused.class,
                flat.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1/a"));
    }

    @Test
    void outcomesAreCounted() {
        classifier.classify(Identities.named("jwt:dev-1"), "/up/device/id/dev-1");
        classifier.classify(Identities.named("c1"), "tele/dev-1/SENSOR");
        classifier.classify(Identities.named("local:nodered"), "x");
        classifier.classify(Identities.named("c1"), "/up/other/id/dev-1");
        var snapshot = counters.snapshot();
        assertEquals(2L, snapshot.get("uplinks.routed"));
        assertEquals(1L, snapshot.get("uplinks.routed.template"));
        assertEquals(1L, snapshot.get("publish.local"));
        assertEquals(1L, snapshot.get("publish.refused"));
        assertEquals(1L, snapshot.get("publish.refused.wrong_secret"));
    }
}
