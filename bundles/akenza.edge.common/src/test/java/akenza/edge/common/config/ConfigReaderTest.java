// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static ConfigReader reader(String key, Object value) {
        Map<String, Object> p = new HashMap<>();
        p.put(key, value);
        return new ConfigReader(p);
    }

    @Test
    void integersArriveAsIntegerLongStringOrIntegralDouble() {
        assertEquals(7, reader("n", 7).integer("n", 1, 0, 10));
        assertEquals(7, reader("n", 7L).integer("n", 1, 0, 10));
        assertEquals(7, reader("n", " 7 ").integer("n", 1, 0, 10));
        assertEquals(7, reader("n", (short) 7).integer("n", 1, 0, 10));
        assertEquals(7, reader("n", 7.0d).integer("n", 1, 0, 10));
        assertEquals(7, reader("n", new String[] {"7", "9"}).integer("n", 1, 0, 10));
        assertEquals(7, reader("n", new Integer[] {7}).integer("n", 1, 0, 10));
    }

    @Test
    void notSetIsTheDefaultWithoutAProblem() {
        for (Object notSet : new Object[] {null, "", "   ", new String[0], new String[] {null}, new Vector<>()}) {
            ConfigReader r = reader("n", notSet);
            assertEquals(3, r.integer("n", 3, 0, 10));
            assertEquals("d", r.string("n", "d"));
            assertTrue(r.bool("n", true));
            assertTrue(r.problems().isEmpty(), () -> String.valueOf(notSet));
        }
    }

    @Test
    void aNumberOutOfRangeTakesTheDefaultAndNamesPropertyAndValue() {
        ConfigReader r = reader("qos", 7);
        assertEquals(1, r.integer("qos", 1, 0, 2));
        assertEquals(List.of(new ConfigProblem("qos", "7", "must be from 0 to 2; using the default 1")), r.problems());
        assertEquals("qos = '7' rejected: must be from 0 to 2; using the default 1", r.problems().get(0).toString());
    }

    @Test
    void hostileNumbersTakeTheDefault() {
        for (Object bad : new Object[] {"NaN", "Infinity", "1e3", "12abc", "0x10", "7.5", 7.5d, Double.NaN,
            Double.POSITIVE_INFINITY, 1e300, Boolean.TRUE, "99999999999999999999", Long.MAX_VALUE, -1}) {
            ConfigReader r = reader("n", bad);
            assertEquals(5, r.integer("n", 5, 0, 1000), () -> String.valueOf(bad));
            assertEquals(1, r.problems().size(), () -> String.valueOf(bad));
            assertEquals("n", r.problems().get(0).property());
        }
    }

    @Test
    void longsKeepTheirRange() {
        assertEquals(4_294_967_295L, reader("n", "4294967295").number("n", 1, 0, 4_294_967_295L));
        ConfigReader r = reader("n", 4_294_967_296L);
        assertEquals(1, r.number("n", 1, 0, 4_294_967_295L));
        assertEquals(1, r.problems().size());
    }

    @Test
    void booleansAreBooleanOrTrueFalseText() {
        assertTrue(reader("b", Boolean.TRUE).bool("b", false));
        assertTrue(reader("b", "TRUE").bool("b", false));
        assertFalse(reader("b", " false ").bool("b", true));
        assertTrue(reader("b", new Boolean[] {true}).bool("b", false));
        for (Object bad : new Object[] {"yes", "1", 1, "on"}) {
            ConfigReader r = reader("b", bad);
            assertTrue(r.bool("b", true), () -> String.valueOf(bad));
            assertEquals("b", r.problems().get(0).property());
            assertEquals(String.valueOf(bad), r.problems().get(0).rejected());
        }
    }

    @Test
    void choicesAreCaseInsensitiveAndReturnTheAllowedSpelling() {
        assertEquals("refuse-new", reader("p", "Refuse-New").oneOf("p", "drop-oldest",
                List.of("drop-oldest", "refuse-new")));
        ConfigReader r = reader("p", "drop-newest");
        assertEquals("drop-oldest", r.oneOf("p", "drop-oldest", List.of("drop-oldest", "refuse-new")));
        assertEquals("p", r.problems().get(0).property());
    }

    @Test
    void stringsAreTrimmedAndCheckedWhenAskedTo() {
        assertEquals("abc", reader("s", "  abc ").string("s", "d"));
        ConfigReader r = reader("s", "a/b");
        assertEquals("_", r.string("s", "_", v -> v.indexOf('/') < 0, "text without /"));
        assertEquals("must be text without /; using the default '_'", r.problems().get(0).reason());
    }

    @Test
    void rejectedTextIsEscapedAndTopicSecretsMasked() {
        ConfigReader r = reader("s", "/up/s3cr3t/id/x\nFAKE LOG LINE");
        r.string("s", "d", v -> false, "never");
        String shown = r.problems().get(0).rejected();
        assertFalse(shown.contains("s3cr3t"), shown);
        assertFalse(shown.contains("\n"), shown);
    }

    @Test
    void listsComeFromArraysOrSeparatedText() {
        assertEquals(List.of("a", "b", "c"), reader("l", new String[] {"a, b", "", "c"}).list("l"));
        assertEquals(List.of("a", "b", "c"), reader("l", "a,b\nc ").list("l"));
        assertEquals(List.of(), reader("l", new String[0]).list("l"));
        assertEquals(List.of(), reader("l", null).list("l"));
        assertEquals("x\ny", reader("l", new String[] {"x", null, "y"}).lines("l", "d"));
        assertEquals("d", reader("l", null).lines("l", "d"));
    }

    @Test
    void passwordsAreDecryptedOrKeptAndNeverShown() {
        assertEquals("plain", reader("pw", "cipher").password("pw", c -> "plain"));
        assertEquals("cipher", reader("pw", "cipher").password("pw", c -> {
            throw new IllegalStateException("not ours");
        }));
        assertEquals("cipher", reader("pw", "cipher").password("pw", c -> null));
        assertEquals("", reader("pw", null).password("pw", c -> "x"));
        assertEquals("abc", reader("pw", new char[] {'a', 'b', 'c'}).password("pw", null));
        ConfigReader r = reader("pw", "s3cr3t");
        r.rejectSecret("pw", "must be set");
        assertEquals("****", r.problems().get(0).rejected());
    }

    @Test
    void pathsAreCheckedAndBadOnesRejected() {
        assertEquals(Path.of("a", "b"), reader("p", "a/b").path("p"));
        assertNull(reader("p", "").path("p"));
        ConfigReader r = reader("p", "bad\u0000path");
        assertNull(r.path("p"));
        assertEquals("p", r.problems().get(0).property());
        assertFalse(r.problems().get(0).rejected().contains("\u0000"));
    }

    @Test
    void aNullMapReadsAsDefaults() {
        ConfigReader r = new ConfigReader(null);
        assertEquals(9, r.integer("x", 9, 0, 10));
        assertTrue(r.problems().isEmpty());
    }
}
