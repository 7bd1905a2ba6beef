// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceIds;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrammarTest {

    @Test
    void splitKeepsEmptyLevels() {
        assertArrayEquals(new String[] { "", "a", "", "b", "" }, TopicText.split("/a//b/"));
        assertArrayEquals(new String[] { "" }, TopicText.split(""));
        assertArrayEquals(new String[] { "", "" }, TopicText.split("/"));
        assertArrayEquals(new String[] { "abc" }, TopicText.split("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "abc", "é", "温度", "dev-\ud83d\ude00", "/up/device/id/x/ä/ß" })
    void utf8LengthMatchesTheEncoder(String s) {
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, TopicText.utf8Length(s));
    }

    @Test
    void controlCharactersAreC0DelAndC1() {
        assertTrue(TopicText.isControl('\u0000'));
        assertTrue(TopicText.isControl('\u001f'));
        assertTrue(TopicText.isControl('\u007f'));
        assertTrue(TopicText.isControl('\u009f'));
        assertFalse(TopicText.isControl(' '));
        assertFalse(TopicText.isControl('\u00a0'));
        assertFalse(TopicText.isControl('~'));
    }

    @Test
    void constantTimeEqualsIsPlainEquality() {
        assertTrue(TopicText.constantTimeEquals("s3cr3t", new StringBuilder("s3cr3t")));
        assertFalse(TopicText.constantTimeEquals("s3cr3t", "s3cr3T"));
        assertFalse(TopicText.constantTimeEquals("s3cr3t", "s3cr3"));
        assertFalse(TopicText.constantTimeEquals("s3cr3", "s3cr3t"));
        assertFalse(TopicText.constantTimeEquals("a", "a\u0000"));
        assertTrue(TopicText.constantTimeEquals("", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev-1", "A81758FFFE0312A4", "capteur-é", "デバイス", "a..b", "dev.1", "dev_1:x",
            "dev-\ud83d\ude00" })
    void acceptableDeviceIds(String id) {
        assertTrue(DeviceIds.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "a/b", "a+b", "+", "#", "a#", "dev 1", "dev\t1", "dev\u00a01", "dev\u2028",
            "dev\u200b", "dev\u202e", "dev\ufeff", "dev\u0000", "dev\u0085", "dev\ud800", "dev\udc00x", "\ue000" })
    void refusedDeviceIds(String id) {
        assertFalse(DeviceIds.isValid(id), id);
    }

    @Test
    void deviceIdLengthIsCapped() {
        assertTrue(DeviceIds.isValid("d".repeat(DeviceIds.MAX_LENGTH)));
        assertFalse(DeviceIds.isValid("d".repeat(DeviceIds.MAX_LENGTH + 1)));
        assertFalse(DeviceIds.isValid(null));
    }
}
