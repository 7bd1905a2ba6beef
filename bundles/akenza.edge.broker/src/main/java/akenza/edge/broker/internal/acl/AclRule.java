// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.acl;

import java.util.Locale;

/**
 * One ACL rule: {@code allow|deny publish|subscribe|all <topic filter>}.
 *
 * @param allow whether a match allows (else denies)
 * @param action what the rule is about
 * @param filter the topic filter, as written
 */
public record AclRule(boolean allow, Action action, String filter) {

    /** What a rule is about. */
    public enum Action {
        /** Publishing to topics the filter matches. */
        PUBLISH,
        /** Subscribing to filters (and receiving messages on topics) the filter covers. */
        SUBSCRIBE,
        /** Both. */
        ALL;

        boolean appliesToPublish() {
            return this != SUBSCRIBE;
        }

        boolean appliesToSubscribe() {
            return this != PUBLISH;
        }
    }

    /**
     * Parses one rule.
     *
     * @param text the rule, without separators
     * @return the rule
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static AclRule parse(String text) {
        String[] parts = text.strip().split("\\s+", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected 'allow|deny publish|subscribe|all <topic filter>'");
        }
        boolean allow = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException("must start with allow or deny, not '" + parts[0] + "'");
        };
        Action action = switch (parts[1].toLowerCase(Locale.ROOT)) {
            case "publish" -> Action.PUBLISH;
            case "subscribe" -> Action.SUBSCRIBE;
            case "all" -> Action.ALL;
            default -> throw new IllegalArgumentException(
                    "second word must be publish, subscribe or all, not '" + parts[1] + "'");
        };
        String filter = parts[2].strip();
        String problem = TopicFilters.filterProblem(filter);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (filter.startsWith("$share/")) {
            throw new IllegalArgumentException("write the plain topic filter: a $share/<group>/<filter> "
                    + "subscription is judged by its <filter>");
        }
        return new AclRule(allow, action, filter);
    }

    @Override
    public String toString() {
        return (allow ? "allow " : "deny ") + action.name().toLowerCase(Locale.ROOT) + " " + filter;
    }
}
