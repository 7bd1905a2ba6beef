// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.topics.internal.template.LegacyTemplate.Direction;
import akenza.edge.topics.internal.testing.Identities;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateParserTest {

    @Test
    void parsesRulesCommentsAndSeparators() {
        TemplateSet set = TemplateParser.parse("""
                # Tasmota devices behind connector c1
                uplink tele/{deviceId}/{topic} as connector:c1

                downlink cmnd/{deviceId}/{topic} as connector:c1, local
                UPLINK /plant/{deviceId} AS local:nodered anonymous ; downlink stat/{deviceId}/POWER as local
                """);
        assertEquals(List.of(), set.errors());
        assertEquals(2, set.uplinks().size());
        assertEquals(2, set.downlinks().size());

        LegacyTemplate tele = set.uplinks().get(0);
        assertEquals(Direction.UPLINK, tele.direction());
        assertEquals(List.of("tele", "{deviceId}", "{topic}"), tele.levels());
        assertEquals(1, tele.deviceIdIndex());
        assertTrue(tele.hasTopic());
        assertEquals(List.of(new Grant.ConnectorGrant("c1")), tele.grants());

        LegacyTemplate plant = set.uplinks().get(1);
        assertEquals(List.of("", "plant", "{deviceId}"), plant.levels());
        assertEquals(2, plant.deviceIdIndex());
        assertEquals(false, plant.hasTopic());
        assertEquals(List.of(new Grant.LocalGrant("nodered"), new Grant.AnonymousGrant()), plant.grants());

        assertEquals(List.of(new Grant.ConnectorGrant("c1"), new Grant.LocalGrant(null)),
                set.downlinks().get(0).grants());
        assertEquals("downlink stat/{deviceId}/POWER as local", set.downlinks().get(1).text());
    }

    @Test
    void emptyOrBlankTextHasNoRules() {
        assertEquals(TemplateSet.EMPTY, TemplateParser.parse(null));
        assertEquals(TemplateSet.EMPTY, TemplateParser.parse(""));
        assertEquals(TemplateSet.EMPTY, TemplateParser.parse(" \n\t\n"));
        assertEquals(TemplateSet.EMPTY, TemplateParser.parse("# nothing yet"));
    }

    /** a bad rule and a fragment of the message the user must see. */
    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("uplink tele/{deviceId}/{topic}", "expected '<uplink|downlink> <topic template> as <who>'"),
                Arguments.of("uplink tele/{deviceId}/{topic} to local", "expected '<uplink|downlink>"),
                Arguments.of("uplink tele/{deviceId}/{topic} as", "expected '<uplink|downlink>"),
                Arguments.of("sideways tele/{deviceId} as local",
                        "starts with 'sideways'; a rule starts with 'uplink' or 'downlink'"),
                Arguments.of("uplink tele/{device}/x as local", "'{device}' is not a placeholder; use {deviceId} or {topic}"),
                Arguments.of("uplink tele/{DeviceId}/x as local", "is not a placeholder"),
                Arguments.of("uplink tele/{deviceId}/{topic}} as local", "a placeholder must be a whole level"),
                Arguments.of("uplink tele/{deviceId}/{x as local", "is not a placeholder"),
                Arguments.of("uplink tele/dev-{deviceId}/x as local", "'dev-{deviceId}': a placeholder must be a whole level"),
                Arguments.of("uplink tele/{deviceId}/{topic}.json as local", "a placeholder must be a whole level"),
                Arguments.of("uplink tele/{topic}/{deviceId} as local", "{topic} must be the last level"),
                Arguments.of("uplink tele/{deviceId}/{deviceId} as local", "{deviceId} may appear only once"),
                Arguments.of("uplink tele/SENSOR as local", "the template needs a {deviceId} level"),
                Arguments.of("uplink {deviceId}/{topic} as local", "needs at least one fixed level"),
                Arguments.of("uplink /{deviceId} as local", "needs at least one fixed level"),
                Arguments.of("uplink tele//{deviceId} as local", "empty level"),
                Arguments.of("uplink tele/{deviceId}/ as local", "empty level"),
                Arguments.of("uplink / as local", "empty level"),
                Arguments.of("uplink tele/+/{deviceId} as local", "wildcards + and # are not allowed"),
                Arguments.of("downlink cmnd/{deviceId}/# as local", "wildcards + and # are not allowed"),
                Arguments.of("uplink /up/{deviceId} as local", "may not use akenza's own /up/... and /down/... topics"),
                Arguments.of("downlink /down/x/id/{deviceId}/{topic} as local", "akenza's own"),
                Arguments.of("uplink $SYS/{deviceId} as local", "may not start with $"),
                Arguments.of("uplink tele/{deviceId}\u0001 as local", "control character"),
                Arguments.of("uplink tele/" + "x".repeat(600) + "/{deviceId} as local", "longer than 512 characters"),
                Arguments.of("uplink tele/{deviceId} as everyone",
                        "unknown identity 'everyone'; use connector:<connector id>, local, local:<account> or anonymous"),
                Arguments.of("uplink tele/{deviceId} as connector:", "unknown identity 'connector:'"),
                Arguments.of("uplink tele/{deviceId} as local:", "unknown identity 'local:'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void rejectsBadRulesWithAnActionableMessage(String rule, String expectedFragment) {
        TemplateSet set = TemplateParser.parse("uplink ok/{deviceId}/{topic} as local\n" + rule
                + "\ndownlink cmnd/{deviceId}/{topic} as local");
        assertEquals(1, set.errors().size(), set.errors().toString());
        String error = set.errors().get(0);
        assertTrue(error.startsWith("legacy.templates rule 2 \""), error);
        assertTrue(error.contains(expectedFragment), error);
        assertTrue(error.chars().noneMatch(c -> c < 0x20), "one log line: " + error);
        // the good rules around it still apply
        assertEquals(1, set.uplinks().size());
        assertEquals(1, set.downlinks().size());
    }

    @Test
    void matchesOnlyTopicsOfTheTemplatesShape() {
        LegacyTemplate tele = TemplateParser.parseRule("uplink tele/{deviceId}/{topic} as local");
        TemplateMatch m = tele.match("tele/dev-1/a/b".split("/"));
        assertEquals("dev-1", m.deviceId());
        assertEquals(List.of("a", "b"), m.topicLevels());
        assertNull(tele.match("tele/dev-1".split("/")));
        assertNull(tele.match("Tele/dev-1/x".split("/")));
        assertNull(tele.match("x/tele/dev-1/x".split("/")));

        LegacyTemplate power = TemplateParser.parseRule("downlink stat/{deviceId}/POWER as local");
        assertEquals(List.of(), power.match("stat/d/POWER".split("/")).topicLevels());
        assertNull(power.match("stat/d/POWER/x".split("/")));
        assertNull(power.match("stat/d/power".split("/")));
    }

    @Test
    void expandsOnlyWhenTheSubTopicFits() {
        LegacyTemplate cmnd = TemplateParser.parseRule("downlink cmnd/{deviceId}/{topic} as local");
        assertEquals("cmnd/dev-1/a/b", cmnd.expand("dev-1", List.of("a", "b")));
        assertNull(cmnd.expand("dev-1", List.of()));
        LegacyTemplate power = TemplateParser.parseRule("downlink /stat/{deviceId}/POWER as local");
        assertEquals("/stat/dev-1/POWER", power.expand("dev-1", List.of()));
        assertNull(power.expand("dev-1", List.of("x")));
    }

    @Test
    void grantsCoverExactlyTheirIdentities() {
        assertTrue(new Grant.ConnectorGrant("c1").covers(Identities.named("c1")));
        assertTrue(!new Grant.ConnectorGrant("c1").covers(Identities.named("c2")));
        assertTrue(!new Grant.ConnectorGrant("dev-1").covers(Identities.named("jwt:dev-1")));
        assertTrue(new Grant.LocalGrant(null).covers(Identities.named("local:wires")));
        assertTrue(new Grant.LocalGrant("nodered").covers(Identities.named("local:nodered")));
        assertTrue(!new Grant.LocalGrant("nodered").covers(Identities.named("local:wires")));
        assertTrue(!new Grant.LocalGrant(null).covers(Identities.named("anon")));
        assertTrue(new Grant.AnonymousGrant().covers(Identities.named("anon")));
        assertTrue(!new Grant.AnonymousGrant().covers(Identities.named("local:wires")));
    }
}
