// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.LegacyTemplate.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the {@code legacy.templates} property.
 *
 * <p>Grammar (one rule per line, or rules separated by {@code ;}; blank lines and lines starting with
 * {@code #} are ignored):
 *
 * <pre>
 * rule      = direction SP template SP "as" SP who *( ("," / SP) who )
 * direction = "uplink" / "downlink"
 * template  = level *( "/" level )      ; may start with "/" (an empty first level)
 * level     = literal / "{deviceId}" / "{topic}"
 * who       = "connector:" connector-id / "local" / "local:" account / "anonymous"
 * </pre>
 *
 * <p>{@code {deviceId}} is required, exactly once, as a whole level. {@code {topic}} is optional, at most
 * once, and must be the last level: it takes one or more levels, which become the akenza topic (joined with
 * the sub-topic separator). A template needs at least one literal level, may not contain {@code +},
 * {@code #}, control characters or empty levels, may not start with {@code $}, and may not reuse akenza's own
 * {@code /up/...} and {@code /down/...} topics. Examples:
 *
 * <pre>
 * uplink tele/{deviceId}/{topic} as connector:0123456789abcdef
 * downlink cmnd/{deviceId}/{topic} as local, anonymous
 * </pre>
 *
 * <p>A bad rule is rejected with a message that names it and says what is wrong; the other rules still apply.
 */
public final class TemplateParser {

    /** Longest template accepted, in characters. */
    public static final int MAX_TEMPLATE_LENGTH = 512;
    private static final int MAX_QUOTED = 120;

    private TemplateParser() {
    }

    /**
     * @param text the property value, may be {@code null}
     * @return the valid rules and one message per rejected rule
     */
    public static TemplateSet parse(String text) {
        if (text == null || text.isBlank()) {
            return TemplateSet.EMPTY;
        }
        List<LegacyTemplate> uplinks = new ArrayList<>();
        List<LegacyTemplate> downlinks = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("[\\r\\n;]+")) {
            String rule = raw.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            number++;
            try {
                LegacyTemplate t = parseRule(rule);
                (t.direction() == Direction.UPLINK ? uplinks : downlinks).add(t);
            } catch (IllegalArgumentException e) {
                errors.add("legacy.templates rule " + number + " \"" + quote(rule) + "\": " + e.getMessage());
            }
        }
        return new TemplateSet(uplinks, downlinks, errors);
    }

    /**
     * @param rule one rule
     * @return the template
     * @throws IllegalArgumentException with a message a Kura user can act on
     */
    static LegacyTemplate parseRule(String rule) {
        String[] tokens = rule.split("[\\s,]+");
        if (tokens.length < 4 || !"as".equalsIgnoreCase(tokens[2])) {
            throw new IllegalArgumentException(
                    "expected '<uplink|downlink> <topic template> as <who>', e.g. 'uplink tele/{deviceId}/{topic} as local'");
        }
        Direction direction = switch (tokens[0].toLowerCase(Locale.ROOT)) {
            case "uplink" -> Direction.UPLINK;
            case "downlink" -> Direction.DOWNLINK;
            default -> throw new IllegalArgumentException("starts with '" + quote(tokens[0])
                    + "'; a rule starts with 'uplink' or 'downlink'");
        };
        List<Grant> grants = new ArrayList<>();
        for (int i = 3; i < tokens.length; i++) {
            grants.add(parseGrant(tokens[i]));
        }
        return parseTemplate(direction, tokens[1], grants, rule);
    }

    private static Grant parseGrant(String who) {
        String lower = who.toLowerCase(Locale.ROOT);
        if (lower.equals("local")) {
            return new Grant.LocalGrant(null);
        }
        if (lower.equals("anonymous")) {
            return new Grant.AnonymousGrant();
        }
        if (lower.startsWith("local:") && who.length() > "local:".length()) {
            return new Grant.LocalGrant(who.substring("local:".length()));
        }
        if (lower.startsWith("connector:") && who.length() > "connector:".length()) {
            return new Grant.ConnectorGrant(who.substring("connector:".length()));
        }
        throw new IllegalArgumentException("unknown identity '" + quote(who)
                + "'; use connector:<connector id>, local, local:<account> or anonymous");
    }

    private static LegacyTemplate parseTemplate(Direction direction, String template, List<Grant> grants,
            String rule) {
        if (template.length() > MAX_TEMPLATE_LENGTH) {
            throw new IllegalArgumentException("the template is longer than " + MAX_TEMPLATE_LENGTH + " characters");
        }
        if (template.startsWith("$")) {
            throw new IllegalArgumentException("templates may not start with $ (reserved for broker topics)");
        }
        if (TopicText.hasControl(template)) {
            throw new IllegalArgumentException("the template contains a control character");
        }
        if (TopicText.hasWildcard(template)) {
            throw new IllegalArgumentException("wildcards + and # are not allowed in a template; use {topic} "
                    + "for the variable part");
        }
        String[] levels = TopicText.split(template);
        if (levels.length > 1 && levels[0].isEmpty() && (levels[1].equals("up") || levels[1].equals("down"))) {
            throw new IllegalArgumentException("templates may not use akenza's own /up/... and /down/... topics; "
                    + "devices using them need no template");
        }
        int deviceIdIndex = -1;
        boolean hasTopic = false;
        boolean hasLiteral = false;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.isEmpty()) {
                if (i == 0 && levels.length > 1) {
                    continue;
                }
                throw new IllegalArgumentException("the template has an empty level (// or a trailing /)");
            }
            if (level.equals(LegacyTemplate.DEVICE_ID)) {
                if (deviceIdIndex >= 0) {
                    throw new IllegalArgumentException("{deviceId} may appear only once");
                }
                deviceIdIndex = i;
            } else if (level.equals(LegacyTemplate.TOPIC)) {
                if (i != levels.length - 1) {
                    throw new IllegalArgumentException("{topic} must be the last level");
                }
                hasTopic = true;
            } else if (level.contains(LegacyTemplate.DEVICE_ID) || level.contains(LegacyTemplate.TOPIC)) {
                throw new IllegalArgumentException("'" + quote(level)
                        + "': a placeholder must be a whole level, e.g. tele/{deviceId}/{topic}");
            } else if (level.indexOf('{') >= 0 || level.indexOf('}') >= 0) {
                throw new IllegalArgumentException("'" + quote(level)
                        + "' is not a placeholder; use {deviceId} or {topic} (case matters)");
            } else {
                hasLiteral = true;
            }
        }
        if (deviceIdIndex < 0) {
            throw new IllegalArgumentException("the template needs a {deviceId} level, e.g. tele/{deviceId}/{topic}");
        }
        if (!hasLiteral) {
            throw new IllegalArgumentException(
                    "the template needs at least one fixed level, e.g. tele/{deviceId}/{topic}, or it would take every topic");
        }
        return new LegacyTemplate(direction, List.of(levels), deviceIdIndex, hasTopic, grants, rule);
    }

    /** Shortens and defuses user text quoted in a message (logs must stay one line). */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            sb.append(TopicText.isControl(c) ? '?' : c);
        }
        return s.length() > MAX_QUOTED ? sb + "..." : sb.toString();
    }
}
