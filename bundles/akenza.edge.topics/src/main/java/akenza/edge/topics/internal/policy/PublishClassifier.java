// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.topics.internal.grammar.PublishRefusal;
import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.LegacyTemplate;
import akenza.edge.topics.internal.template.TemplateMatch;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a PUBLISH means ({@code LocalTopicPolicy.classifyPublish}). Immutable: one instance per
 * configuration, shared by every event loop.
 *
 * <ul>
 * <li>JWT devices: only {@code /up/device/id/<own id>[/levels]}.
 * <li>Connector clients: only {@code /up/<its secret>/id/<allowed device id>[/levels]}, or an uplink template
 * granted to the connector (for allowed device ids).
 * <li>Local applications and anonymous clients: an uplink template granted to them makes an uplink; anything
 * else, {@code /up/...} included, is a plain local message left to the broker's ACL.
 * </ul>
 */
public final class PublishClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(PublishClassifier.class);
    private static final int SUB_LEVELS_START = 5;

    private final PolicySettings settings;
    private final PolicyCounters counters;

    /**
     * @param settings the effective settings
     * @param counters where outcomes are counted
     */
    public PublishClassifier(PolicySettings settings, PolicyCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    /**
     * @param identity who publishes
     * @param topic the topic name
     * @return an uplink route, local-only, or a refusal
     */
    public PublishDecision classify(DeviceIdentity identity, String topic) {
        if (!identity.method().isDevice()) {
            return nonDevice(identity, topic);
        }
        PublishRefusal bad = checkName(topic);
        if (bad != null) {
            return refuse(identity, topic, bad);
        }
        String[] levels = TopicText.split(topic);
        if (levels.length > 1 && levels[0].isEmpty() && levels[1].equals("up")) {
            return akenzaUplink(identity, topic, levels);
        }
        if (identity.method() == AuthMethod.CONNECTOR_SECRET) {
            TemplateMatch m = templateMatch(identity, levels);
            if (m != null) {
                return templateUplink(identity, topic, m);
            }
        }
        return refuse(identity, topic, PublishRefusal.NOT_UPLINK_TOPIC);
    }

    private PublishDecision nonDevice(DeviceIdentity identity, String topic) {
        // without uplink templates there is nothing to look at: skip splitting the topic
        TemplateMatch m = settings.templates().uplinks().isEmpty() ? null
                : templateMatch(identity, TopicText.split(topic));
        if (m == null) {
            counters.publishLocal();
            return new PublishDecision.LocalOnly();
        }
        PublishRefusal bad = checkName(topic);
        return bad != null ? refuse(identity, topic, bad) : templateUplink(identity, topic, m);
    }

    private PublishDecision akenzaUplink(DeviceIdentity identity, String topic, String[] levels) {
        if (levels.length < SUB_LEVELS_START) {
            return refuse(identity, topic, PublishRefusal.MALFORMED);
        }
        Connector connector = identity.connector();
        if (connector == null) {
            if (!levels[2].equals("device")) {
                return refuse(identity, topic, PublishRefusal.MALFORMED);
            }
        } else if (!connector.secretMatches(levels[2])) {
            return refuse(identity, topic, PublishRefusal.WRONG_SECRET);
        }
        if (!levels[3].equals("id")) {
            return refuse(identity, topic, PublishRefusal.MALFORMED);
        }
        String deviceId = levels[4];
        List<String> subLevels = TopicText.tail(levels, SUB_LEVELS_START);
        PublishRefusal bad = checkDevice(identity, deviceId);
        if (bad == null) {
            bad = checkSubLevels(subLevels);
        }
        return bad != null ? refuse(identity, topic, bad) : route(deviceId, subLevels, false);
    }

    private PublishDecision templateUplink(DeviceIdentity identity, String topic, TemplateMatch m) {
        PublishRefusal bad = checkDevice(identity, m.deviceId());
        if (bad == null) {
            bad = checkSubLevels(m.topicLevels());
        }
        return bad != null ? refuse(identity, topic, bad) : route(m.deviceId(), m.topicLevels(), true);
    }

    private TemplateMatch templateMatch(DeviceIdentity identity, String[] levels) {
        for (LegacyTemplate t : settings.templates().uplinks()) {
            if (t.grantedTo(identity)) {
                TemplateMatch m = t.match(levels);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Checks the device id against the identity: a JWT device only for itself, a connector for allowed ids. */
    private static PublishRefusal checkDevice(DeviceIdentity identity, String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            return PublishRefusal.INVALID_DEVICE_ID;
        }
        if (identity.method() == AuthMethod.JWT && !deviceId.equals(identity.id())) {
            return PublishRefusal.WRONG_DEVICE;
        }
        if (identity.connector() != null && !identity.connector().allowsDevice(deviceId)) {
            return PublishRefusal.DEVICE_NOT_ALLOWED;
        }
        return null;
    }

    private PublishRefusal checkSubLevels(List<String> subLevels) {
        for (String level : subLevels) {
            if (level.isEmpty()) {
                return PublishRefusal.EMPTY_LEVEL;
            }
        }
        return subLevels.size() > settings.maxSubTopicLevels() ? PublishRefusal.TOO_DEEP : null;
    }

    /**
     * Checks the whole topic name: length, wildcards, control characters, in that order of precedence. One pass
     * over the text (it runs for every device PUBLISH): nearly all topics are short ASCII, whose length in
     * UTF-8 is their length in characters.
     */
    private PublishRefusal checkName(String topic) {
        if (topic.isEmpty()) {
            return PublishRefusal.MALFORMED;
        }
        boolean ascii = true;
        boolean wildcard = false;
        boolean control = false;
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            ascii &= c < 0x80;
            wildcard |= c == '+' || c == '#';
            control |= TopicText.isControl(c);
        }
        int bytes = ascii ? topic.length() : TopicText.utf8Length(topic);
        if (bytes > settings.maxTopicLength()) {
            return PublishRefusal.TOO_LONG;
        }
        if (wildcard) {
            return PublishRefusal.WILDCARD;
        }
        return control ? PublishRefusal.CONTROL_CHARACTER : null;
    }

    private PublishDecision route(String deviceId, List<String> subLevels, boolean byTemplate) {
        counters.uplinkRouted(byTemplate);
        return new PublishDecision.UplinkRoute(deviceId, subLevels, settings.akenzaTopic(subLevels));
    }

    private PublishDecision refuse(DeviceIdentity identity, String topic, PublishRefusal reason) {
        counters.publishRefused(reason);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Refused PUBLISH from {} to {}: {}", identity,
                    LogText.of(topic, identity), reason.reason());
        }
        String text = switch (reason) {
            case TOO_LONG -> reason.reason() + " (" + settings.maxTopicLength() + " bytes)";
            case TOO_DEEP -> reason.reason() + " (" + settings.maxSubTopicLevels() + ")";
            default -> reason.reason();
        };
        return new PublishDecision.Refused(text);
    }
}
