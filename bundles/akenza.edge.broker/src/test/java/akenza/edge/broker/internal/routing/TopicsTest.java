// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic name and filter rules, and matching. */
class TopicsTest {

    @ParameterizedTest
    @CsvSource({
        "a/b, a/b, true", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true", "a/#, a/b/c, true",
        "#, a/b, true", "+/+, /x, true", "+, /x, false", "/+, /x, true", "#, $SYS/x, false", "+/x, $SYS/x, false",
        "$SYS/#, $SYS/x, true", "a/+/c, a//c, true", "a/b, a/b/, false", "a/b/#, a/b/, true"})
    void matching(String filter, String topic, boolean expected) {
        assertEquals(expected, Topics.matches(filter, topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "a/#", "#", "", "a\u0000b", "bad\uFFFD"})
    void invalidTopicNames(String topic) {
        assertFalse(Topics.isValidName(topic, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b#", "a/#/b", "a+/b", "", "#/a"})
    void invalidFilters(String filter) {
        assertFalse(Topics.isValidFilter(filter, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "+", "#", "+/+/#", "a//b", "$SYS/#"})
    void validFilters(String filter) {
        assertTrue(Topics.isValidFilter(filter, 100));
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        assertTrue(Topics.isValidName("\u00e9\u00e9", 4));
        assertFalse(Topics.isValidName("\u00e9\u00e9\u00e9", 5));
        assertFalse(Topics.isWellFormedText("\uD800x"), "unpaired surrogate");
    }

    @Test
    void sharedFilters() {
        Topics.ParsedFilter p = Topics.parseFilter("$share/g1/a/#");
        assertEquals("g1", p.group());
        assertEquals("a/#", p.filter());
        assertNull(Topics.parseFilter("$share/g1"));
        assertNull(Topics.parseFilter("$share//a"));
        assertNull(Topics.parseFilter("$share/g+/a"));
        assertFalse(Topics.parseFilter("a/b").shared());
    }
}
