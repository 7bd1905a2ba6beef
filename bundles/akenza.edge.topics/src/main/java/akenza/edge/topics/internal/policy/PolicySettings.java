// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.common.config.ConfigReader;
import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.TemplateParser;
import akenza.edge.topics.internal.template.TemplateSet;
import java.util.List;
import java.util.Map;

/**
 * The topic policy's effective settings, validated and immutable; a new instance replaces the old one
 * on every configuration change.
 *
 * @param defaultTopic the akenza topic of uplinks without a sub-topic
 * @param separator what joins sub-topic levels into the akenza topic
 * @param maxTopicLength the longest topic name or filter a device may use, in UTF-8 bytes
 * @param maxSubTopicLevels the most sub-topic levels after the device id
 * @param templates the legacy templates
 * @param errors the legacy template rules that were skipped, and why
 */
public record PolicySettings(String defaultTopic, String separator, int maxTopicLength, int maxSubTopicLevels,
        TemplateSet templates, List<String> errors) {

    /** akenza's own topic for uplinks without a sub-topic. */
    public static final String AKENZA_DEFAULT_TOPIC = "default";
    /** akenza's own sub-topic separator. */
    public static final String AKENZA_SEPARATOR = "_";
    /** Default of {@code max.topic.length}. */
    public static final int DEFAULT_MAX_TOPIC_LENGTH = 1024;
    /** Default of {@code max.sub.topic.levels}. */
    public static final int DEFAULT_MAX_SUB_TOPIC_LEVELS = 8;
    /** Smallest {@code max.topic.length}: room for a JWT topic with a long device id. */
    public static final int MIN_TOPIC_LENGTH = 64;
    /** Largest {@code max.topic.length}: MQTT's own limit. */
    public static final int MAX_TOPIC_LENGTH = 65535;
    /** Largest {@code max.sub.topic.levels}. */
    public static final int MAX_SUB_TOPIC_LEVELS = 64;
    private static final int MAX_SEPARATOR_LENGTH = 8;
    private static final int MAX_DEFAULT_TOPIC_LENGTH = 128;
    /** Property names. */
    public static final String DEFAULT_TOPIC = "default.topic";
    public static final String SEPARATOR = "subtopic.separator";
    public static final String MAX_TOPIC_LENGTH_PROPERTY = "max.topic.length";
    public static final String MAX_SUB_TOPIC_LEVELS_PROPERTY = "max.sub.topic.levels";
    public static final String LEGACY_TEMPLATES = "legacy.templates";

    /** Copies the lists. */
    public PolicySettings {
        errors = List.copyOf(errors);
    }

    /** @return the settings with every default and no templates */
    public static PolicySettings defaults() {
        return new PolicySettings(AKENZA_DEFAULT_TOPIC, AKENZA_SEPARATOR, DEFAULT_MAX_TOPIC_LENGTH,
                DEFAULT_MAX_SUB_TOPIC_LEVELS, TemplateSet.EMPTY, List.of());
    }

    /**
     * Reads a configuration with the one bad-value rule: a bad value is replaced by its default and recorded in
     * the reader's problems, so a typo cannot take the whole gateway's uplinks down. Invalid legacy template
     * rules are skipped one by one and listed in {@link #errors()}.
     *
     * @param r the component properties
     * @return the effective settings
     */
    public static PolicySettings read(ConfigReader r) {
        String defaultTopic = r.string(DEFAULT_TOPIC, AKENZA_DEFAULT_TOPIC,
                v -> isTopicText(v, 1, MAX_DEFAULT_TOPIC_LENGTH),
                "1 to " + MAX_DEFAULT_TOPIC_LENGTH + " characters without /, +, # or control characters");
        String separator = r.string(SEPARATOR, AKENZA_SEPARATOR, v -> isTopicText(v, 1, MAX_SEPARATOR_LENGTH),
                "1 to " + MAX_SEPARATOR_LENGTH + " characters without /, +, # or control characters");
        int maxLength = r.integer(MAX_TOPIC_LENGTH_PROPERTY, DEFAULT_MAX_TOPIC_LENGTH, MIN_TOPIC_LENGTH,
                MAX_TOPIC_LENGTH);
        int maxLevels = r.integer(MAX_SUB_TOPIC_LEVELS_PROPERTY, DEFAULT_MAX_SUB_TOPIC_LEVELS, 0,
                MAX_SUB_TOPIC_LEVELS);
        TemplateSet templates = TemplateParser.parse(r.lines(LEGACY_TEMPLATES, ""));
        return new PolicySettings(defaultTopic, separator, maxLength, maxLevels, templates, templates.errors());
    }

    /**
     * @param defaultTopic {@code default.topic}
     * @param separator {@code subtopic.separator}
     * @param maxTopicLength {@code max.topic.length}
     * @param maxSubTopicLevels {@code max.sub.topic.levels}
     * @param legacyTemplates {@code legacy.templates}
     * @return the settings {@link #read(ConfigReader)} makes of these values (for tests)
     */
    public static PolicySettings of(String defaultTopic, String separator, int maxTopicLength,
            int maxSubTopicLevels, String legacyTemplates) {
        return read(new ConfigReader(Map.of(DEFAULT_TOPIC, defaultTopic, SEPARATOR, separator,
                MAX_TOPIC_LENGTH_PROPERTY, maxTopicLength, MAX_SUB_TOPIC_LEVELS_PROPERTY, maxSubTopicLevels,
                LEGACY_TEMPLATES, legacyTemplates)));
    }

    /**
     * @param levels sub-topic levels
     * @return the akenza topic they make: joined with the separator, or the default topic when there are none
     */
    public String akenzaTopic(List<String> levels) {
        return levels.isEmpty() ? defaultTopic : String.join(separator, levels);
    }

    private static boolean isTopicText(String s, int min, int max) {
        return s.length() >= min && s.length() <= max && s.indexOf('/') < 0 && !TopicText.hasWildcard(s)
                && !TopicText.hasControl(s);
    }
}
