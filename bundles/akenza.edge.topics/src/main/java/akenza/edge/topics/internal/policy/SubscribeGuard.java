// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.log.LogText;
import akenza.edge.topics.internal.grammar.SubscribeRefusal;
import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.LegacyTemplate;
import akenza.edge.topics.internal.template.TemplateMatch;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a device may subscribe to a filter ({@code LocalTopicPolicy.refuseSubscribe}). Immutable.
 *
 * <p>A device may subscribe only inside its own downlink tree: the tree's root itself, {@code <root>/#}, or
 * anything below it, with wildcards only below the device id level. JWT devices: {@code /down/device/id/<own
 * id>}; connector clients: {@code /down/<its secret>/id/<allowed device id>}, and the downlink templates granted
 * to the connector ({@code cmnd/<allowed device id>/...}). {@code $share/<group>/<filter>} is judged by its
 * filter. Local applications and anonymous clients are not judged here: the broker's ACL covers them.
 */
public final class SubscribeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SubscribeGuard.class);
    private static final String SHARE = "$share/";
    private static final int BELOW_DEVICE = 5;

    private final PolicySettings settings;
    private final PolicyCounters counters;

    /**
     * @param settings the effective settings
     * @param counters where refusals are counted
     */
    public SubscribeGuard(PolicySettings settings, PolicyCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    /**
     * @param identity who subscribes
     * @param filter the topic filter
     * @return empty when allowed, else the reason
     */
    public Optional<String> refuse(DeviceIdentity identity, String filter) {
        if (!identity.method().isDevice()) {
            return Optional.empty();
        }
        SubscribeRefusal bad = judge(identity, filter);
        if (bad == null) {
            return Optional.empty();
        }
        counters.subscribeRefused(bad);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Refused SUBSCRIBE from {} to {}: {}", identity,
                    LogText.of(filter, identity), bad.reason());
        }
        return Optional.of(bad.reason());
    }

    private SubscribeRefusal judge(DeviceIdentity identity, String filter) {
        if (TopicText.utf8Length(filter) > settings.maxTopicLength()) {
            return SubscribeRefusal.TOO_LONG;
        }
        String inner = filter;
        if (filter.startsWith(SHARE)) {
            int groupEnd = filter.indexOf('/', SHARE.length());
            if (groupEnd <= SHARE.length() || groupEnd == filter.length() - 1
                    || TopicText.hasWildcard(filter.substring(SHARE.length(), groupEnd))) {
                return SubscribeRefusal.BAD_SHARE;
            }
            inner = filter.substring(groupEnd + 1);
        }
        if (inner.isEmpty()) {
            return SubscribeRefusal.INVALID_FILTER;
        }
        String[] levels = TopicText.split(inner);
        if (!isValidFilter(levels)) {
            return SubscribeRefusal.INVALID_FILTER;
        }
        if (levels.length > 1 && levels[0].isEmpty() && levels[1].equals("down")) {
            return akenzaTree(identity, levels);
        }
        if (identity.connector() != null) {
            for (LegacyTemplate t : settings.templates().downlinks()) {
                TemplateMatch m = t.grantedTo(identity) ? t.match(levels) : null;
                if (m != null) {
                    return templateTree(identity.connector(), m);
                }
            }
        }
        return SubscribeRefusal.OUTSIDE_TREE;
    }

    private SubscribeRefusal akenzaTree(DeviceIdentity identity, String[] levels) {
        for (int i = 2; i < Math.min(levels.length, BELOW_DEVICE); i++) {
            if (TopicText.isWildcardLevel(levels[i])) {
                return SubscribeRefusal.WILDCARD_ABOVE_DEVICE;
            }
        }
        if (levels.length < BELOW_DEVICE || !levels[3].equals("id")) {
            return SubscribeRefusal.OUTSIDE_TREE;
        }
        String deviceId = levels[4];
        Connector connector = identity.connector();
        if (connector == null) {
            if (!levels[2].equals("device")) {
                return SubscribeRefusal.OUTSIDE_TREE;
            }
            if (!deviceId.equals(identity.id())) {
                return SubscribeRefusal.WRONG_DEVICE;
            }
        } else {
            if (!connector.secretMatches(levels[2])) {
                return SubscribeRefusal.WRONG_SECRET;
            }
            if (!DeviceIds.isValid(deviceId) || !connector.allowsDevice(deviceId)) {
                return SubscribeRefusal.DEVICE_NOT_ALLOWED;
            }
        }
        return levels.length - BELOW_DEVICE > settings.maxSubTopicLevels() ? SubscribeRefusal.TOO_DEEP : null;
    }

    private SubscribeRefusal templateTree(Connector connector, TemplateMatch m) {
        if (TopicText.isWildcardLevel(m.deviceId())) {
            return SubscribeRefusal.WILDCARD_ABOVE_DEVICE;
        }
        if (!DeviceIds.isValid(m.deviceId()) || !connector.allowsDevice(m.deviceId())) {
            return SubscribeRefusal.DEVICE_NOT_ALLOWED;
        }
        return m.topicLevels().size() > settings.maxSubTopicLevels() ? SubscribeRefusal.TOO_DEEP : null;
    }

    /** MQTT filter syntax: {@code #} alone and last, {@code +} alone, no control characters. */
    private static boolean isValidFilter(String[] levels) {
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (TopicText.hasControl(level)) {
                return false;
            }
            if (level.indexOf('#') >= 0 && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.indexOf('+') >= 0 && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }
}
