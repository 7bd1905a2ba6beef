// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How local topics map to akenza's cloud topics and back: what the forwarder asks to publish uplinks, subscribe
 * to downlinks and deliver them locally. The broker's side of the topic rules is {@link LocalTopicPolicy}; the
 * topics bundle provides both.
 */
@ProviderType
public interface CloudTopicMapping {

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
