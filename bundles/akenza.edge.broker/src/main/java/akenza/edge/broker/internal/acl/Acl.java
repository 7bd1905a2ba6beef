// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The broker's own access rules for clients that are not akenza devices (anonymous clients and
 * local-application accounts). An ordered list of {@code allow|deny publish|subscribe|all <topic filter>}
 * rules; the first rule that applies decides; when none applies, the request is denied.
 *
 * <p>Immutable and thread-safe without locks: build a new one with {@link #parse(String)} when the
 * configuration changes.
 *
 * <pre>
 * Acl acl = Acl.parse("deny subscribe test/nosubscribe\nallow all #");
 * acl.mayPublish("a/b");                // true
 * acl.maySubscribe("test/nosubscribe"); // false
 * </pre>
 */
public final class Acl {

    private static final String SHARE_PREFIX = "$share/";

    private final List<AclRule> rules;
    private final String[][] levels;

    private Acl(List<AclRule> rules) {
        this.rules = List.copyOf(rules);
        this.levels = new String[rules.size()][];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = TopicFilters.levels(rules.get(i).filter());
        }
    }

    /**
     * Parses rule text. Rules are separated by newlines or commas (so a rule's topic filter cannot contain a
     * comma); blank entries are skipped, and so are lines starting with {@code //} (comments). {@code #} does not
     * start a comment: it is MQTT's multi-level wildcard.
     *
     * @param rules the rule text; {@code null} or blank means no rule, i.e. everything denied
     * @return the ACL
     * @throws IllegalArgumentException naming the rule (by number and text) and what is wrong with it
     */
    public static Acl parse(String rules) {
        List<AclRule> parsed = new ArrayList<>();
        if (rules != null) {
            int number = 0;
            for (String line : rules.split("\\R")) {
                if (line.strip().startsWith("//")) {
                    continue; // a comment is a whole line, commas in it included
                }
                for (String entry : line.split(",")) {
                    String text = entry.strip();
                    if (text.isEmpty()) {
                        continue;
                    }
                    number++;
                    try {
                        parsed.add(AclRule.parse(text));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "rule " + number + " '" + text + "': " + e.getMessage(), e);
                    }
                }
            }
        }
        return new Acl(parsed);
    }

    /** @return the rules, in order */
    public List<AclRule> rules() {
        return rules;
    }

    /**
     * @param topic the topic name of a PUBLISH
     * @return whether the first publish rule whose filter matches the topic allows it; {@code false} for no
     *         match and for an invalid topic name
     */
    public boolean mayPublish(String topic) {
        if (!TopicFilters.isTopicName(topic)) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            AclRule rule = rules.get(i);
            if (rule.action().appliesToPublish() && TopicFilters.matches(levels[i], topic)) {
                return rule.allow();
            }
        }
        return false;
    }

    /**
     * Judges a SUBSCRIBE request. Rules are tried in order: a {@code deny} rule decides as soon as its filter
     * overlaps the requested one at all (so a wildcard cannot reach a denied topic); an {@code allow} rule
     * decides only when its filter covers every topic the requested filter could match (rule {@code /up/#}
     * covers {@code /up/+/id/x}). A {@code $share/<group>/<filter>} request is judged by its {@code <filter>}.
     *
     * @param topicFilter the requested topic filter
     * @return whether the subscription is allowed; {@code false} when no rule decides or the filter is invalid
     */
    public boolean maySubscribe(String topicFilter) {
        String filter = innerFilter(topicFilter);
        if (filter == null || TopicFilters.filterProblem(filter) != null) {
            return false;
        }
        String[] request = TopicFilters.levels(filter);
        for (int i = 0; i < levels.length; i++) {
            AclRule rule = rules.get(i);
            if (!rule.action().appliesToSubscribe()) {
                continue;
            }
            if (rule.allow() ? TopicFilters.covers(levels[i], request) : TopicFilters.overlap(levels[i], request)) {
                return rule.allow();
            }
        }
        return false;
    }

    /**
     * Judges delivering one message to an ACL-ruled subscriber: the first subscribe rule whose filter matches
     * the topic decides. With {@link #maySubscribe(String)} as it is, every delivery on an allowed subscription
     * passes this check; it exists for a broker that prefers filtering deliveries to refusing subscriptions.
     *
     * @param topic the topic name of the message
     * @return whether the subscriber may receive it
     */
    public boolean mayReceive(String topic) {
        if (!TopicFilters.isTopicName(topic)) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            AclRule rule = rules.get(i);
            if (rule.action().appliesToSubscribe() && TopicFilters.matches(levels[i], topic)) {
                return rule.allow();
            }
        }
        return false;
    }

    /** @return the filter of a shared subscription request, the request itself otherwise; null if malformed */
    private static String innerFilter(String topicFilter) {
        if (topicFilter == null || !topicFilter.startsWith(SHARE_PREFIX)) {
            return topicFilter;
        }
        int slash = topicFilter.indexOf('/', SHARE_PREFIX.length());
        if (slash <= SHARE_PREFIX.length()) {
            return null; // no group name or no filter
        }
        String group = topicFilter.substring(SHARE_PREFIX.length(), slash);
        if (group.contains("+") || group.contains("#")) {
            return null;
        }
        return topicFilter.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "Acl" + rules;
    }
}
