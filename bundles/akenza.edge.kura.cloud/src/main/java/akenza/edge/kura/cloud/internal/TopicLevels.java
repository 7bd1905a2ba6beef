// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.List;

/** akenza's topic rules for what a Kura user types: device ids and sub-topics. */
final class TopicLevels {

    /** akenza joins the sub-topic levels of an uplink with this into its akenza topic. */
    static final String AKENZA_SEPARATOR = "_";
    /** akenza's topic of uplinks without sub-topic. */
    static final String AKENZA_DEFAULT_TOPIC = "default";
    private static final int MAX_LEVELS = 8;

    private TopicLevels() {
    }

    /**
     * @param topic a sub-topic as configured, levels separated by {@code /}; empty = none
     * @param wildcards whether {@code +} and a last {@code #} are allowed (subscriptions)
     * @return its levels
     * @throws IllegalArgumentException when it is not a valid akenza sub-topic
     */
    static List<String> parse(String topic, boolean wildcards) {
        String t = topic == null ? "" : topic.trim();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return List.of();
        }
        List<String> levels = List.of(t.split("/", -1));
        if (levels.size() > MAX_LEVELS) {
            throw new IllegalArgumentException("at most " + MAX_LEVELS + " sub-topic levels");
        }
        for (int i = 0; i < levels.size(); i++) {
            String l = levels.get(i);
            boolean wildcard = wildcards && (l.equals("+") || (l.equals("#") && i == levels.size() - 1));
            if (!wildcard && !isLevel(l)) {
                throw new IllegalArgumentException("sub-topic levels must be non-empty and free of + # and "
                        + "control characters");
            }
        }
        return levels;
    }

    /** @return whether the text can be one topic level (a device id or a sub-topic level) */
    static boolean isLevel(String s) {
        if (s == null || s.isEmpty() || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '+' || c == '#' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** @return the akenza topic the levels make: {@code a_b}, or {@code default} */
    static String akenzaTopic(List<String> levels) {
        return levels.isEmpty() ? AKENZA_DEFAULT_TOPIC : String.join(AKENZA_SEPARATOR, levels);
    }

    /**
     * @param filter sub-topic filter levels ({@code +} one level, last {@code #} any rest); empty = everything
     * @param levels a downlink's sub-topic levels
     * @return whether they match
     */
    static boolean matches(List<String> filter, List<String> levels) {
        if (filter.isEmpty()) {
            return true;
        }
        for (int i = 0; i < filter.size(); i++) {
            String f = filter.get(i);
            if (f.equals("#")) {
                return true;
            }
            if (i >= levels.size() || !(f.equals("+") || f.equals(levels.get(i)))) {
                return false;
            }
        }
        return filter.size() == levels.size();
    }
}
