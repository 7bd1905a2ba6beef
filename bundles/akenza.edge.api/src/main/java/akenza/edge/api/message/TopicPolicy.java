// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import akenza.edge.api.auth.DeviceIdentity;
import java.util.List;
import java.util.Optional;

/**
 * The topic rules: what a device may publish and subscribe to, and how local topics map to cloud topics.
 *
 * <p>The broker asks {@link #classifyPublish} for every PUBLISH and {@link #refuseSubscribe} for every
 * filter a device subscribes to. For local-application and anonymous identities the broker applies its own
 * ACL first; this policy may still turn their messages into uplinks (legacy topic templates).
 * The forwarder uses the cloud mapping methods.
 */
public interface TopicPolicy {

    /**
     * @param identity who publishes
     * @param topic the topic name as published
     * @return an uplink route, local-only, or a refusal
     */
    PublishDecision classifyPublish(DeviceIdentity identity, String topic);

    /**
     * @param identity who subscribes (a device identity; the broker's ACL covers the others)
     * @param topicFilter the filter
     * @return empty when allowed, otherwise the reason for the refusal (without secrets)
     */
    Optional<String> refuseSubscribe(DeviceIdentity identity, String topicFilter);

    /**
     * @param uplink an uplink
     * @param upstreamSecret the forwarder's connector secret
     * @return the cloud topic, {@code /up/<secret>/id/<deviceId>[/levels]}
     */
    String cloudUplinkTopic(Uplink uplink, CharSequence upstreamSecret);

    /**
     * @param upstreamSecret the forwarder's connector secret
     * @return the filter the forwarder subscribes to upstream for all downlinks, {@code /down/<secret>/id/+/#}
     */
    String cloudDownlinkFilter(CharSequence upstreamSecret);

    /**
     * @param deviceId a device id
     * @param upstreamSecret the forwarder's connector secret
     * @return the upstream filter for one device's downlinks, {@code /down/<secret>/id/<deviceId>/#}
     */
    String cloudDownlinkFilter(String deviceId, CharSequence upstreamSecret);

    /**
     * Maps a downlink received from the cloud to the local topics the device may be subscribed to.
     *
     * @param cloudTopic the topic the downlink arrived on
     * @param upstreamSecret the forwarder's connector secret
     * @return the local topics (empty when the topic is not a downlink for this connector)
     */
    List<String> localDownlinkTopics(String cloudTopic, CharSequence upstreamSecret);

    /**
     * Maps a local response topic (MQTT 5 request/response) of an uplink to the cloud, so a reply from the
     * cloud comes back through the downlink relay.
     *
     * @param uplink the uplink whose properties carry the response topic
     * @param upstreamSecret the forwarder's connector secret
     * @return the cloud response topic, or empty when the response topic cannot be mapped (then it is dropped)
     */
    Optional<String> cloudResponseTopic(Uplink uplink, CharSequence upstreamSecret);
}
