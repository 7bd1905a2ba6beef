// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.acl;

import java.nio.charset.StandardCharsets;

/**
 * MQTT topic-filter algebra on filters split into levels, for access rules: does a rule's filter match a topic
 * name, does one filter cover every topic another could match, do two filters share any topic.
 *
 * <p>A rule whose filter starts with a wildcard applies to every topic except the server's own {@code $SYS}
 * topics, which only a rule naming {@code $SYS} applies to. Other topics starting with {@code $} (such as
 * {@code $TopicA/B}) are ordinary topics for access rules: MQTT lets clients publish to them (4.7.2 reserves
 * only the delivery side: a subscription starting with a wildcard never receives them, which the subscription
 * tree enforces).
 */
final class TopicFilters {

    static final String MULTI = "#";
    static final String SINGLE = "+";
    /** The first level of the server's own topics, which no rule starting with a wildcard applies to. */
    private static final String SYSTEM = "$SYS";
    private static final int MAX_UTF8_LENGTH = 65_535;

    private TopicFilters() {
    }

    /**
     * @param filter a topic filter
     * @return its levels (empty levels kept)
     */
    static String[] levels(String filter) {
        return filter.split("/", -1);
    }

    /**
     * @param filter a candidate topic filter
     * @return why it is not a valid MQTT topic filter, or {@code null} when it is
     */
    static String filterProblem(String filter) {
        if (filter.isEmpty()) {
            return "the topic filter is empty";
        }
        if (filter.indexOf('\u0000') >= 0) {
            return "the topic filter contains a NUL character";
        }
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_LENGTH) {
            return "the topic filter is longer than 65535 bytes";
        }
        String[] levels = levels(filter);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains(MULTI) && (!level.equals(MULTI) || i != levels.length - 1)) {
                return "# must be a whole level and the last one";
            }
            if (level.contains(SINGLE) && !level.equals(SINGLE)) {
                return "+ must be a whole level";
            }
        }
        return null;
    }

    /**
     * @param topic a topic name
     * @return whether it is a valid topic name for PUBLISH (non-empty, no wildcard, no NUL)
     */
    static boolean isTopicName(String topic) {
        return topic != null && !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
                && topic.indexOf('\u0000') < 0;
    }

    /**
     * Matches without splitting the topic, because this runs for every PUBLISH of an ACL-ruled client.
     *
     * @param filter the filter's levels
     * @param topic a valid topic name
     * @return whether the filter matches the topic
     */
    static boolean matches(String[] filter, String topic) {
        if (isWildcard(filter[0]) && (topic.equals(SYSTEM) || topic.startsWith(SYSTEM + "/"))) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < filter.length; i++) {
            String level = filter[i];
            if (level.equals(MULTI)) {
                return true; // also matches the parent: "a/#" matches "a"
            }
            if (start > topic.length()) {
                return false; // the topic has fewer levels than the filter
            }
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = topic.length();
            }
            boolean literal = !level.equals(SINGLE);
            if (literal && (end - start != level.length() || !topic.regionMatches(start, level, 0, level.length()))) {
                return false;
            }
            start = end + 1;
        }
        return start > topic.length(); // every level of the topic consumed
    }

    /**
     * @param rule the covering candidate's levels
     * @param request the requested filter's levels
     * @return whether every topic {@code request} can match is also matched by {@code rule}
     */
    static boolean covers(String[] rule, String[] request) {
        for (int i = 0;; i++) {
            String r = i < rule.length ? rule[i] : null;
            String q = i < request.length ? request[i] : null;
            if (MULTI.equals(r)) {
                return !(i == 0 && isSystem(q));
            }
            if (r == null || q == null) {
                return r == null && q == null;
            }
            if (MULTI.equals(q)) {
                return false;
            }
            if (SINGLE.equals(r)) {
                if (i == 0 && isSystem(q)) {
                    return false;
                }
            } else if (!r.equals(q)) {
                return false; // also when q is "+": the literal r covers only one of its topics
            }
        }
    }

    /**
     * @param a a filter's levels
     * @param b another filter's levels
     * @return whether some topic is matched by both
     */
    static boolean overlap(String[] a, String[] b) {
        for (int i = 0;; i++) {
            String x = i < a.length ? a[i] : null;
            String y = i < b.length ? b[i] : null;
            if (MULTI.equals(x) || MULTI.equals(y)) {
                return !(i == 0 && (isSystem(x) || isSystem(y)));
            }
            if (x == null || y == null) {
                return x == null && y == null;
            }
            boolean xWild = SINGLE.equals(x);
            boolean yWild = SINGLE.equals(y);
            if (xWild || yWild) {
                if (i == 0 && (isSystem(x) || isSystem(y))) {
                    return false;
                }
            } else if (!x.equals(y)) {
                return false;
            }
        }
    }

    private static boolean isWildcard(String level) {
        return MULTI.equals(level) || SINGLE.equals(level);
    }

    private static boolean isSystem(String level) {
        return SYSTEM.equals(level);
    }
}
