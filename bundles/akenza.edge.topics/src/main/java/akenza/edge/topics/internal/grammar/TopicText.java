// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

import java.util.Arrays;
import java.util.List;

/**
 * Splitting and checking MQTT topic text. Hand-written instead of regular expressions because the broker
 * calls the policy for every PUBLISH from its event loops.
 */
public final class TopicText {

    private TopicText() {
    }

    /**
     * Splits a topic at every {@code /}, keeping empty levels: {@code "/a//b/"} gives
     * {@code ["", "a", "", "b", ""]}.
     *
     * @param topic a topic name or filter
     * @return its levels; one empty level for the empty string
     */
    public static String[] split(String topic) {
        int count = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                count++;
            }
        }
        String[] levels = new String[count];
        int start = 0;
        int n = 0;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                levels[n++] = topic.substring(start, i);
                start = i + 1;
            }
        }
        levels[n] = topic.substring(start);
        return levels;
    }

    /**
     * @param levels levels
     * @param from the first level to take
     * @return {@code levels[from..]} as an immutable list
     */
    public static List<String> tail(String[] levels, int from) {
        return from >= levels.length ? List.of() : List.of(Arrays.copyOfRange(levels, from, levels.length));
    }

    /**
     * The control characters MQTT implementations should refuse: C0 (U+0000..U+001F) and C1 with DEL
     * (U+007F..U+009F).
     *
     * @param c a character
     * @return whether it is one of them
     */
    public static boolean isControl(char c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    /**
     * @param s text
     * @return whether it holds a control character
     */
    public static boolean hasControl(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param s text
     * @return whether it holds {@code +} or {@code #}
     */
    public static boolean hasWildcard(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '#') {
                return true;
            }
        }
        return false;
    }

    /**
     * @param s text
     * @return its length in UTF-8 bytes (what MQTT limits), counted without encoding; an unpaired
     *         surrogate counts 3 bytes like the replacement character it would become
     */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Compares two texts in time that depends only on their lengths, so a secret cannot be guessed
     * character by character from response times.
     *
     * @param a one text
     * @param b the other
     * @return whether they are equal
     */
    public static boolean constantTimeEquals(CharSequence a, CharSequence b) {
        int diff = a.length() ^ b.length();
        int n = Math.max(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = i < a.length() ? a.charAt(i) : 0;
            char y = i < b.length() ? b.charAt(i) : 0;
            diff |= x ^ y;
        }
        return diff == 0;
    }

    /**
     * @param level one topic level
     * @return whether it is a wildcard level of a filter ({@code +} or {@code #})
     */
    public static boolean isWildcardLevel(String level) {
        return "+".equals(level) || "#".equals(level);
    }
}
