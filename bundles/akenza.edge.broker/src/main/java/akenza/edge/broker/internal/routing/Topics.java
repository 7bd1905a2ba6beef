// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

/** Topic name and topic filter rules of MQTT 3.1.1 / 5 (sections 4.7), plus matching. */
public final class Topics {

    /** The prefix of shared subscriptions. */
    public static final String SHARE_PREFIX = "$share/";

    private Topics() {
    }

    /**
     * @param topic a topic name from a PUBLISH
     * @param maxLength the longest accepted name in UTF-8 bytes
     * @return whether it is a valid topic name (not empty, no wildcard, no NUL, valid UTF-8, not too long)
     */
    public static boolean isValidName(String topic, int maxLength) {
        if (topic == null || topic.isEmpty() || !isWellFormedText(topic) || utf8Length(topic) > maxLength) {
            return false;
        }
        return topic.indexOf('+') < 0 && topic.indexOf('#') < 0;
    }

    /**
     * @param filter a topic filter (without a {@code $share/group/} prefix)
     * @param maxLength the longest accepted filter in UTF-8 bytes
     * @return whether it is a valid filter: {@code #} only as the whole last level, {@code +} only as a whole level
     */
    public static boolean isValidFilter(String filter, int maxLength) {
        if (filter == null || filter.isEmpty() || !isWellFormedText(filter) || utf8Length(filter) > maxLength) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoder replaces invalid UTF-8 with U+FFFD; MQTT also forbids U+0000 and unpaired surrogates.
     *
     * @param text decoded text
     * @return whether it came from well-formed MQTT UTF-8
     */
    public static boolean isWellFormedText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param text a string
     * @return its length in UTF-8 bytes
     */
    public static int utf8Length(String text) {
        // Counted, not encoded: this runs for every PUBLISH and a copy of the topic per message is measurable.
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++; // an unpaired surrogate: String.getBytes writes '?' for it
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * @param filter a topic filter (without share prefix)
     * @param topic a topic name
     * @return whether the filter matches the topic; {@code $} topics never match a leading wildcard
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /**
     * A filter split into its share group (or {@code null}) and the filter proper.
     *
     * @param group the share group, {@code null} for a normal subscription
     * @param filter the topic filter
     */
    public record ParsedFilter(String group, String filter) {
        /** @return whether this is a shared subscription */
        public boolean shared() {
            return group != null;
        }
    }

    /**
     * @param raw the filter as subscribed
     * @return the parsed filter, or {@code null} when a {@code $share} filter is malformed
     */
    public static ParsedFilter parseFilter(String raw) {
        if (!raw.startsWith(SHARE_PREFIX)) {
            return new ParsedFilter(null, raw);
        }
        int slash = raw.indexOf('/', SHARE_PREFIX.length());
        if (slash < 0) {
            return null;
        }
        String group = raw.substring(SHARE_PREFIX.length(), slash);
        String filter = raw.substring(slash + 1);
        if (group.isEmpty() || group.contains("+") || group.contains("#") || filter.isEmpty()) {
            return null;
        }
        return new ParsedFilter(group, filter);
    }
}
