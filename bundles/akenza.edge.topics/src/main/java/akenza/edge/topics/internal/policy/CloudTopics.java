// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceDirectory;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.auth.DeviceRegistration;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.Uplink;
import akenza.edge.topics.internal.grammar.TopicText;
import akenza.edge.topics.internal.template.LegacyTemplate;
import akenza.edge.topics.internal.template.TemplateMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps between local topics and akenza's cloud topics for the forwarder. Immutable.
 *
 * <p>Downlinks: a cloud downlink {@code /down/<upstream secret>/id/<device>[/rest]} goes to the local topics the
 * device may have subscribed to. With a {@link DeviceDirectory} that knows the device: the JWT form
 * {@code /down/device/id/<device>[/rest]} when the device has keys, plus the connector form
 * {@code /down/<connector secret>/id/<device>[/rest]} for every connector that allows it. When the directory is
 * absent, fails, does not know the device, or knows it with neither keys nor connectors: the JWT form only
 * (connector secrets are unknown then; nobody but the device itself and local applications with an ACL grant can
 * subscribe to the JWT form, so it is always safe). Every legacy downlink template that fits is added:
 * templates with {@code {topic}} take downlinks with a sub-topic, templates without it take downlinks without one.
 */
public final class CloudTopics {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTopics.class);
    private static final int REST_START = 5;

    private final PolicySettings settings;
    private final PolicyCounters counters;
    private final Supplier<DeviceDirectory> directory;
    /** The last connector secret found usable (compared by identity, only for strings). */
    private volatile CharSequence checkedSecret;

    /**
     * @param settings the effective settings
     * @param counters where mappings are counted
     * @param directory the current device directory, or a supplier of {@code null} when there is none
     */
    public CloudTopics(PolicySettings settings, PolicyCounters counters, Supplier<DeviceDirectory> directory) {
        this.settings = settings;
        this.counters = counters;
        this.directory = directory;
    }

    /**
     * Keeps the device's own levels when akenza derives the configured akenza topic from them (the normal case
     * with akenza's {@code _} and {@code default}); otherwise sends the akenza topic as one level, so akenza
     * stores the uplink under the topic the gateway computed (for a custom separator or default topic).
     *
     * @param uplink an uplink
     * @param upstreamSecret the forwarder's connector secret
     * @return {@code /up/<secret>/id/<device id>[/levels]}
     * @throws IllegalArgumentException when the secret, device id or levels cannot form a topic
     */
    public String uplinkTopic(Uplink uplink, CharSequence upstreamSecret) {
        requireSecret(upstreamSecret);
        requireDevice(uplink.deviceId());
        List<String> levels = uplink.levels();
        String akenzaDerived = levels.isEmpty() ? PolicySettings.AKENZA_DEFAULT_TOPIC
                : String.join(PolicySettings.AKENZA_SEPARATOR, levels);
        if (!akenzaDerived.equals(uplink.akenzaTopic())) {
            levels = List.of(uplink.akenzaTopic());
        }
        StringBuilder sb = new StringBuilder("/up/").append(upstreamSecret).append("/id/").append(uplink.deviceId());
        for (String level : levels) {
            if (level.isEmpty() || level.indexOf('/') >= 0 || TopicText.hasWildcard(level)
                    || TopicText.hasControl(level)) {
                throw new IllegalArgumentException("uplink of device " + LogText.of(uplink.deviceId())
                        + " has a sub-topic level that cannot be sent");
            }
            sb.append('/').append(level);
        }
        return sb.toString();
    }

    /**
     * @param upstreamSecret the forwarder's connector secret
     * @return {@code /down/<secret>/id/+/#}
     */
    public String downlinkFilter(CharSequence upstreamSecret) {
        requireSecret(upstreamSecret);
        return "/down/" + upstreamSecret + "/id/+/#";
    }

    /**
     * @param deviceId a device id
     * @param upstreamSecret the forwarder's connector secret
     * @return {@code /down/<secret>/id/<device id>/#}
     */
    public String downlinkFilter(String deviceId, CharSequence upstreamSecret) {
        requireSecret(upstreamSecret);
        requireDevice(deviceId);
        return "/down/" + upstreamSecret + "/id/" + deviceId + "/#";
    }

    /**
     * @param cloudTopic the topic a downlink arrived on
     * @param upstreamSecret the forwarder's connector secret
     * @return the local topics, in a stable order without duplicates; empty when it is not a downlink for that secret
     */
    public List<String> localDownlinkTopics(String cloudTopic, CharSequence upstreamSecret) {
        String[] levels = cloudTopic == null ? new String[0] : TopicText.split(cloudTopic);
        if (levels.length < REST_START || !levels[0].isEmpty() || !levels[1].equals("down")
                || upstreamSecret == null || !TopicText.constantTimeEquals(levels[2], upstreamSecret)
                || !levels[3].equals("id") || !DeviceIds.isValid(levels[4]) || TopicText.hasWildcard(cloudTopic)
                || TopicText.hasControl(cloudTopic)) {
            counters.downlinkIgnored();
            if (LOG.isDebugEnabled()) {
                LOG.debug("Ignored cloud message on {}: not a downlink for the upstream connector",
                        LogText.of(cloudTopic, upstreamSecret));
            }
            return List.of();
        }
        String deviceId = levels[4];
        // levels, not text: a trailing slash (/down/s/id/d/) is a sub-topic with one empty level, kept as is
        List<String> rest = TopicText.tail(levels, REST_START);
        String suffix = rest.isEmpty() ? "" : "/" + String.join("/", rest);
        Set<String> topics = new LinkedHashSet<>();
        Optional<DeviceRegistration> registration = lookup(deviceId);
        if (registration.isPresent()) {
            DeviceRegistration r = registration.get();
            if (r.hasKeys()) {
                topics.add("/down/device/id/" + deviceId + suffix);
            }
            for (Connector c : r.connectors()) {
                if (c.allowsDevice(deviceId) && isLevel(c.secret())) {
                    topics.add("/down/" + c.secret() + "/id/" + deviceId + suffix);
                }
            }
        }
        if (topics.isEmpty()) {
            topics.add("/down/device/id/" + deviceId + suffix);
        }
        for (LegacyTemplate t : settings.templates().downlinks()) {
            String local = t.expand(deviceId, rest);
            if (local != null) {
                topics.add(local);
            }
        }
        counters.downlinkMapped(topics.size());
        return List.copyOf(topics);
    }

    /**
     * Maps a response topic in the device's own local downlink tree (the JWT form, a connector form, or a legacy
     * downlink template for that device) to the device's cloud downlink tree, so the reply comes back through the
     * downlink relay.
     *
     * @param uplink the uplink carrying the response topic
     * @param upstreamSecret the forwarder's connector secret
     * @return {@code /down/<upstream secret>/id/<device id>[/rest]}, or empty
     */
    public Optional<String> responseTopic(Uplink uplink, CharSequence upstreamSecret) {
        String response = uplink.properties().responseTopic();
        Optional<String> mapped = response == null ? Optional.empty() : map(uplink.deviceId(), response, upstreamSecret);
        if (response != null) {
            counters.response(mapped.isPresent());
        }
        return mapped;
    }

    private Optional<String> map(String deviceId, String response, CharSequence upstreamSecret) {
        if (!isLevel(upstreamSecret) || !DeviceIds.isValid(deviceId) || response.isEmpty()
                || TopicText.utf8Length(response) > settings.maxTopicLength() || TopicText.hasWildcard(response)
                || TopicText.hasControl(response)) {
            return Optional.empty();
        }
        String[] levels = TopicText.split(response);
        List<String> rest = null;
        if (levels.length >= REST_START && levels[0].isEmpty() && levels[1].equals("down") && !levels[2].isEmpty()
                && levels[3].equals("id") && levels[4].equals(deviceId)) {
            rest = TopicText.tail(levels, REST_START);
        } else {
            for (LegacyTemplate t : settings.templates().downlinks()) {
                TemplateMatch m = t.match(levels);
                if (m != null && m.deviceId().equals(deviceId)) {
                    rest = m.topicLevels();
                    break;
                }
            }
        }
        if (rest == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("/down/").append(upstreamSecret).append("/id/").append(deviceId);
        for (String level : rest) {
            sb.append('/').append(level);
        }
        return Optional.of(sb.toString());
    }

    private Optional<DeviceRegistration> lookup(String deviceId) {
        DeviceDirectory d = directory.get();
        if (d == null) {
            return Optional.empty();
        }
        try {
            Optional<DeviceRegistration> r = d.lookup(deviceId);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            counters.directoryFailure();
            LOG.warn("Device directory lookup for {} failed ({}); delivering the downlink to the JWT form",
                    LogText.of(deviceId), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void requireSecret(CharSequence secret) {
        // Asked once per uplink with the same (immutable) secret: checked once.
        if (secret instanceof String && secret == checkedSecret) {
            return;
        }
        if (!isLevel(secret)) {
            throw new IllegalArgumentException("the upstream connector secret is not usable as a topic level");
        }
        checkedSecret = secret;
    }

    private static void requireDevice(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            throw new IllegalArgumentException("invalid device id: " + DeviceIds.RULE);
        }
    }

    private static boolean isLevel(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '+' || c == '#' || TopicText.isControl(c)) {
                return false;
            }
        }
        return true;
    }
}
