// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.acl.AclRule.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables: expected result first (a CSV line starting with # would be a comment). */
class AclTest {

    private static final Acl GENERAL_PURPOSE = Acl.parse("deny subscribe test/nosubscribe\nallow all #");
    private static final Acl LOCAL_APPS = Acl.parse("""
            // Node-RED reads uplinks and sends downlinks, nothing else
            allow subscribe /up/#
            allow publish /down/#
            deny all $SYS/#
            """);
    private static final Acl FIRST_MATCH = Acl.parse(
            "deny publish a/secret, allow publish a/#, allow subscribe a/+/x, deny subscribe a/#, allow subscribe #");

    @ParameterizedTest(name = "publish {1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | a/b",
        "true  | test/nosubscribe",
        "true  | /",
        "false | $SYS/broker/uptime",
        "false | $SYS",
        "true  | $TopicA/B",
        "false | a/+",
        "false | a/#",
        "false | ''",
    })
    void generalPurposePublish(boolean expected, String topic) {
        assertEquals(expected, GENERAL_PURPOSE.mayPublish(topic));
    }

    @ParameterizedTest(name = "subscribe {1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "false | test/nosubscribe",
        "false | $share/g/test/nosubscribe",
        "false | test/+",
        "false | #",
        "false | +/+",
        "true  | test/nosubscribe/x",
        "true  | test/+/x",
        "true  | TopicA/+",
        "true  | TopicA/#",
        "true  | /#",
        "true  | $share/g/TopicA/#",
        "true  | $TopicA/#",
        "false | $SYS/#",
        "false | $share/g",
        "false | $share//a",
        "false | $share/g+/a",
        "false | a/#/b",
        "false | ''",
    })
    void generalPurposeSubscribe(boolean expected, String filter) {
        assertEquals(expected, GENERAL_PURPOSE.maySubscribe(filter));
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | subscribe | /up/#",
        "true  | subscribe | /up/+/id/dev-1/#",
        "true  | subscribe | $share/nodered//up/#",
        "false | subscribe | /down/#",
        "false | subscribe | #",
        "false | subscribe | $SYS/#",
        "true  | publish   | /down/secret/id/dev-1/cmd",
        "false | publish   | /up/secret/id/dev-1/x",
        "false | publish   | $SYS/x",
        "false | publish   | other",
    })
    void localApplications(boolean expected, String what, String topic) {
        assertEquals(expected, what.equals("publish") ? LOCAL_APPS.mayPublish(topic) : LOCAL_APPS.maySubscribe(topic));
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "false | publish   | a/secret",
        "true  | publish   | a/public",
        "false | publish   | b",
        "true  | subscribe | a/b/x",
        "false | subscribe | a/b/y",
        "false | subscribe | a/#",
        "false | subscribe | +/b/x",
        "true  | subscribe | b/#",
        "false | subscribe | #",
        "true  | receive   | a/b/x",
        "false | receive   | a/b/y",
        "true  | receive   | b/c",
    })
    void firstMatchWins(boolean expected, String what, String topic) {
        boolean actual = switch (what) {
            case "publish" -> FIRST_MATCH.mayPublish(topic);
            case "subscribe" -> FIRST_MATCH.maySubscribe(topic);
            default -> FIRST_MATCH.mayReceive(topic);
        };
        assertEquals(expected, actual);
    }

    @Test
    void noRulesDenyEverything() {
        for (Acl acl : List.of(Acl.parse(""), Acl.parse(null), Acl.parse("// nothing\n\n , ,"))) {
            assertTrue(acl.rules().isEmpty());
            assertFalse(acl.mayPublish("a"));
            assertFalse(acl.maySubscribe("a"));
            assertFalse(acl.mayReceive("a"));
        }
    }

    @Test
    void rulesParseWithCommasNewlinesCaseAndSpaces() {
        Acl acl = Acl.parse("  ALLOW   Publish  a b/c \r\n// comment, with comma\n,Deny SUBSCRIBE #,allow all x");
        assertEquals(List.of(new AclRule(true, Action.PUBLISH, "a b/c"), new AclRule(false, Action.SUBSCRIBE, "#"),
                new AclRule(true, Action.ALL, "x")), acl.rules());
        assertEquals("Acl[allow publish a b/c, deny subscribe #, allow all x]", acl.toString());
        assertTrue(acl.mayPublish("a b/c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rule 1 'allow': expected | allow",
        "rule 1 'allow publish': expected | allow publish",
        "rule 2 'permit all x': must start with allow or deny | allow all #, permit all x",
        "rule 1 'allow read x': second word must be | allow read x",
        "rule 1 'allow all a/#/b': # must be | allow all a/#/b",
        "rule 1 'deny all a/b+': + must be | deny all a/b+",
        "rule 1 'allow all $share/g/x': write the plain topic filter | allow all $share/g/x",
    })
    void invalidRulesAreNamed(String expectedStart, String rules) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Acl.parse(rules));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    /** Every delivery on an allowed subscription passes the delivery check (the two agree). */
    @Test
    void allowedSubscriptionsOnlyReceiveAllowedTopics() {
        List<String> filters = List.of("#", "+/+", "a/#", "a/+/x", "a/b/x", "b/#", "test/+/x", "/up/#", "+/b/x");
        List<String> topics = List.of("a", "a/b", "a/b/x", "a/b/y", "a/secret", "b/c", "test/nosubscribe",
                "test/nosubscribe/x", "/up/s/id/d", "$SYS/x", "x/b/x");
        for (Acl acl : List.of(GENERAL_PURPOSE, LOCAL_APPS, FIRST_MATCH)) {
            for (String filter : filters) {
                if (!acl.maySubscribe(filter)) {
                    continue;
                }
                String[] levels = TopicFilters.levels(filter);
                for (String topic : topics) {
                    if (TopicFilters.matches(levels, topic)) {
                        assertTrue(acl.mayReceive(topic), acl + " " + filter + " " + topic);
                    }
                }
            }
        }
    }

    @Test
    void sharedByThreadsWithoutLocks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 10_000; i++) {
                        ok &= GENERAL_PURPOSE.mayPublish("a/" + i) && !GENERAL_PURPOSE.maySubscribe("test/+")
                                && GENERAL_PURPOSE.maySubscribe("x/" + i);
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
