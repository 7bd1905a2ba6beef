// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import akenza.edge.api.auth.DeviceIdentity;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the broker asks about a device's topics: what a PUBLISH means and whether a subscription is allowed.
 *
 * <p>The broker asks {@link #classifyPublish} for every PUBLISH and {@link #refuseSubscribe} for every filter a
 * device subscribes to. For local-application and anonymous identities the broker applies its own ACL first;
 * this policy may still turn their messages into uplinks (legacy topic templates). The forwarder's side of the
 * topic rules is {@link CloudTopicMapping}; the topics bundle provides both.
 */
@ProviderType
public interface LocalTopicPolicy {

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
}
