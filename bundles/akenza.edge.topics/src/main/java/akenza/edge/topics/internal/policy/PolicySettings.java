// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.TemplateParser;
import akenza.edge.topics.internal.template.TemplateSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic policy's effective settings, validated and immutable; a new instance replaces the old one
 * on every configuration change.
 *
 * @param defaultTopic the akenza topic of uplinks without a sub-topic
 * @param separator what joins sub-topic levels into the akenza topic
 * @param maxTopicLength the longest topic name or filter a device may use, in UTF-8 bytes
 * @param maxSubTopicLevels the most sub-topic levels after the device id
 * @param templates the legacy templates
 * @param errors what was wrong with the configuration (bad values were replaced by defaults, bad rules skipped)
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
     * Validates a configuration. Never fails: a bad value is replaced by its default and reported in
     * {@link #errors()}, so a typo cannot take the whole gateway's uplinks down.
     *
     * @param defaultTopic {@code default.topic}
     * @param separator {@code subtopic.separator}
     * @param maxTopicLength {@code max.topic.length}
     * @param maxSubTopicLevels {@code max.sub.topic.levels}
     * @param legacyTemplates {@code legacy.templates}
     * @return the effective settings
     */
    public static PolicySettings of(String defaultTopic, String separator, int maxTopicLength,
            int maxSubTopicLevels, String legacyTemplates) {
        List<String> errors = new ArrayList<>();
        defaultTopic = defaultTopic == null ? "" : defaultTopic.strip();
        if (!isTopicText(defaultTopic, 1, MAX_DEFAULT_TOPIC_LENGTH)) {
            errors.add("default.topic must be 1 to " + MAX_DEFAULT_TOPIC_LENGTH
                    + " characters without /, +, # or control characters; using '" + AKENZA_DEFAULT_TOPIC + "'");
            defaultTopic = AKENZA_DEFAULT_TOPIC;
        }
        separator = separator == null ? "" : separator;
        if (!isTopicText(separator, 1, MAX_SEPARATOR_LENGTH)) {
            errors.add("subtopic.separator must be 1 to " + MAX_SEPARATOR_LENGTH
                    + " characters without /, +, # or control characters; using '" + AKENZA_SEPARATOR + "'");
            separator = AKENZA_SEPARATOR;
        }
        int maxLength = maxTopicLength;
        if (maxLength < MIN_TOPIC_LENGTH || maxLength > MAX_TOPIC_LENGTH) {
            errors.add("max.topic.length must be between " + MIN_TOPIC_LENGTH + " and " + MAX_TOPIC_LENGTH
                    + "; using " + DEFAULT_MAX_TOPIC_LENGTH);
            maxLength = DEFAULT_MAX_TOPIC_LENGTH;
        }
        int maxLevels = maxSubTopicLevels;
        if (maxLevels < 0 || maxLevels > MAX_SUB_TOPIC_LEVELS) {
            errors.add("max.sub.topic.levels must be between 0 and " + MAX_SUB_TOPIC_LEVELS + "; using "
                    + DEFAULT_MAX_SUB_TOPIC_LEVELS);
            maxLevels = DEFAULT_MAX_SUB_TOPIC_LEVELS;
        }
        TemplateSet templates = TemplateParser.parse(legacyTemplates);
        errors.addAll(templates.errors());
        return new PolicySettings(defaultTopic, separator, maxLength, maxLevels, templates, errors);
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
