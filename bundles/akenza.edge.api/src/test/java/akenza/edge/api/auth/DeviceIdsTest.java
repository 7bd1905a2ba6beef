// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one device-id rule (issue 11, hole 11). */
class DeviceIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev-1", "aa:bb:cc:dd", "Sensor_7.b", "capteur-é", "温度计", "a@b", "x=1,y~2"})
    void accepts(String id) {
        assertTrue(DeviceIds.isValid(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sensor+1", "a#", "a/b", "a\\b", "a*", "a?", "a\"b", "a<b", "a>b", "a|b", "a b",
        ".hidden", ".", "..", "a\nb", "a\u0000", "a\u200bb", "a\u202eb", "\ud800"})
    void refuses(String id) {
        assertFalse(DeviceIds.isValid(id));
    }

    @Test
    void refusesTooLongIds() {
        assertTrue(DeviceIds.isValid("d".repeat(DeviceIds.MAX_LENGTH)));
        assertFalse(DeviceIds.isValid("d".repeat(DeviceIds.MAX_LENGTH + 1)));
        assertFalse(DeviceIds.isValid(null));
    }

    /** The ASCII fast path agrees with the rule in words, character by character (DEL and controls included). */
    @Test
    void everyAsciiCharacterFollowsTheRule() {
        for (char c = 0; c < 128; c++) {
            boolean expected = c > ' ' && c != 0x7F && "+#/\\*?\"<>|".indexOf(c) < 0;
            assertEquals(expected, DeviceIds.isValid("a" + c + "b"), "character 0x" + Integer.toHexString(c));
        }
        assertTrue(DeviceIds.isValid("a\u00e9"), "non-ASCII letters still go the Unicode way");
        assertFalse(DeviceIds.isValid("a\u00a0b"), "no-break space");
        assertFalse(DeviceIds.isValid("a\u0085b"), "C1 control");
    }
}
