// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables: expected result first (a CSV line starting with # would be a comment). */
class TopicFiltersTest {

    @ParameterizedTest(name = "{1} matches {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | a/b        | a/b",
        "false | a/b        | a/c",
        "false | a/b        | a/b/c",
        "false | a/b/c      | a/b",
        "true  | a/+        | a/b",
        "true  | a/+        | a/",
        "false | a/+        | a",
        "false | a/+        | a/b/c",
        "true  | a/#        | a",
        "true  | a/#        | a/b/c",
        "false | a/#        | ab",
        "true  | #          | a/b",
        "true  | #          | /",
        "true  | +/+        | /",
        "true  | /+         | /a",
        "false | +          | /a",
        "false | #          | $SYS/x",
        "false | +/x        | $SYS/x",
        "true  | $SYS/#     | $SYS/x",
        "true  | $SYS/+     | $SYS/x",
        "false | #          | $SYS",
        "true  | #          | $SYSTEM/x",
        "true  | #          | $TopicA/B",
        "true  | +/B        | $TopicA/B",
        "true  | $TopicA/#  | $TopicA/B",
        "true  | test/nosubscribe | test/nosubscribe",
        "false | ab         | a",
        "false | a          | ab",
        "true  | +/+/c      | a/b/c",
        "false | +/+/c      | a/b/d",
    })
    void matches(boolean expected, String filter, String topic) {
        assertEquals(expected, TopicFilters.matches(TopicFilters.levels(filter), topic));
    }

    @ParameterizedTest(name = "{1} covers {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | #          | a/b",
        "true  | #          | +/+",
        "true  | #          | #",
        "false | #          | $SYS/#",
        "false | #          | $SYS",
        "true  | $SYS/#     | $SYS/+/x",
        "true  | #          | $TopicA/#",
        "true  | +/+        | $TopicA/B",
        "false | +/#        | $SYS/x",
        "true  | /up/#      | /up/+/id/x",
        "true  | /up/#      | /up",
        "true  | /up/#      | /up/#",
        "false | /up/#      | /down/#",
        "false | /up/+      | /up/#",
        "true  | /up/+      | /up/+",
        "true  | /up/+      | /up/x",
        "false | /up/x      | /up/+",
        "false | a/b        | a/b/c",
        "false | a/b/c      | a/b",
        "false | +          | $SYS",
        "true  | +/#        | a",
        "false | +/+        | a",
        "false | a          | #",
        "true  | a/+/c      | a/b/c",
        "false | a/+/c      | a/b/#",
    })
    void covers(boolean expected, String rule, String request) {
        assertEquals(expected, TopicFilters.covers(TopicFilters.levels(rule), TopicFilters.levels(request)));
    }

    @ParameterizedTest(name = "{1} overlaps {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | test/nosubscribe | #",
        "true  | test/nosubscribe | +/+",
        "true  | test/nosubscribe | test/+",
        "false | test/nosubscribe | test/+/+",
        "false | test/nosubscribe | +",
        "true  | a/#        | a",
        "true  | a/#        | +/b/c",
        "false | a/#        | b/#",
        "true  | +/b        | a/+",
        "false | +/b        | a/c",
        "false | #          | $SYS/#",
        "false | +/x        | $SYS/x",
        "true  | $SYS/#     | $SYS/x",
        "true  | $SYS/+     | $SYS/#",
        "true  | #          | $TopicA/B",
        "true  | +/B        | $TopicA/+",
        "false | a/b        | a/b/c",
        "true  | a/b        | a/b",
    })
    void overlap(boolean expected, String a, String b) {
        assertEquals(expected, TopicFilters.overlap(TopicFilters.levels(a), TopicFilters.levels(b)));
        assertEquals(expected, TopicFilters.overlap(TopicFilters.levels(b), TopicFilters.levels(a)), "symmetric");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "+/+/c", "/", "a//b", "$SYS/#", "a b/c d"})
    void validFilters(String filter) {
        assertNull(TopicFilters.filterProblem(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a#", "#/", "a+/b", "+a", "a/b\u0000"})
    void invalidFilters(String filter) {
        assertNotNull(TopicFilters.filterProblem(filter));
    }
}
