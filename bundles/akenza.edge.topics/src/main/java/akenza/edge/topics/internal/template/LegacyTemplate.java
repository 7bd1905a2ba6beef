// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.topics.internal.grammar.TopicText;
import java.util.List;
import java.util.Objects;

/**
 * One validated legacy template rule, immutable. Built by {@link TemplateParser}.
 *
 * <p>The topic shape is a list of levels: literal text, one {@code {deviceId}} level, and optionally a
 * last {@code {topic}} standing for one or more levels. A template without {@code {topic}} stands for
 * messages without a sub-topic (akenza topic {@code default}).
 *
 * @param direction uplink or downlink
 * @param levels the template's levels as written, placeholders included
 * @param deviceIdIndex the position of {@code {deviceId}}
 * @param hasTopic whether the last level is {@code {topic}}
 * @param grants who may use it
 * @param text the rule as written (for logs and status; holds no secret)
 */
public record LegacyTemplate(Direction direction, List<String> levels, int deviceIdIndex, boolean hasTopic,
        List<Grant> grants, String text) {

    /** The device id placeholder. */
    public static final String DEVICE_ID = "{deviceId}";
    /** The sub-topic placeholder. */
    public static final String TOPIC = "{topic}";

    /** Which way a template maps. */
    public enum Direction {
        /** A local topic a device publishes to, mapped to an uplink. */
        UPLINK,
        /** A local topic a downlink is delivered to. */
        DOWNLINK
    }

    /** Copies the lists. */
    public LegacyTemplate {
        Objects.requireNonNull(direction, "direction");
        levels = List.copyOf(levels);
        grants = List.copyOf(grants);
    }

    /**
     * @param identity an identity
     * @return whether some grant of this rule covers it
     */
    public boolean grantedTo(DeviceIdentity identity) {
        for (Grant g : grants) {
            if (g.covers(identity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches the shape only: literal levels must be equal, the device id level is taken as is, the
     * {@code {topic}} part takes at least one level.
     *
     * @param topicLevels a topic name or filter split into levels
     * @return the match, or {@code null}
     */
    public TemplateMatch match(String[] topicLevels) {
        int fixed = hasTopic ? levels.size() - 1 : levels.size();
        if (hasTopic ? topicLevels.length <= fixed : topicLevels.length != fixed) {
            return null;
        }
        for (int i = 0; i < fixed; i++) {
            if (i != deviceIdIndex && !levels.get(i).equals(topicLevels[i])) {
                return null;
            }
        }
        List<String> rest = hasTopic ? TopicText.tail(topicLevels, fixed) : List.of();
        return new TemplateMatch(this, topicLevels[deviceIdIndex], rest);
    }

    /**
     * Builds the local topic of a downlink (or of any message) for a device.
     *
     * @param deviceId the device id (one level)
     * @param rest the sub-topic levels (empty when none)
     * @return the topic, or {@code null} when this template does not fit (a sub-topic but no
     *         {@code {topic}}, or {@code {topic}} but no sub-topic)
     */
    public String expand(String deviceId, List<String> rest) {
        if (hasTopic == rest.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            if (i == deviceIdIndex) {
                sb.append(deviceId);
            } else if (hasTopic && i == levels.size() - 1) {
                sb.append(String.join("/", rest));
            } else {
                sb.append(levels.get(i));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
