// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.Uplink;
import akenza.edge.topics.internal.TopicPolicyComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** The real akenza topic rules (the topics bundle's component), as the forwarder gets them on a gateway. */
final class TopicPolicies {

    private TopicPolicies() {
    }

    /** @return the topics bundle's policy with its default configuration */
    static TopicPolicyComponent akenza() {
        TopicPolicyComponent policy = new TopicPolicyComponent();
        policy.activate(Map.of());
        return policy;
    }

    /**
     * @param uplinkTopic the cloud topic of an uplink, or {@code null} for akenza's own
     * @return akenza's rules with another uplink topic where {@code uplinkTopic} gives one
     */
    static CloudTopicMapping withUplinkTopic(BiFunction<Uplink, CharSequence, String> uplinkTopic) {
        CloudTopicMapping real = akenza();
        return new CloudTopicMapping() {
            @Override
            public String cloudUplinkTopic(Uplink uplink, CharSequence secret) {
                String topic = uplinkTopic.apply(uplink, secret);
                return topic != null ? topic : real.cloudUplinkTopic(uplink, secret);
            }

            @Override
            public String cloudDownlinkFilter(CharSequence secret) {
                return real.cloudDownlinkFilter(secret);
            }

            @Override
            public String cloudDownlinkFilter(String deviceId, CharSequence secret) {
                return real.cloudDownlinkFilter(deviceId, secret);
            }

            @Override
            public List<String> localDownlinkTopics(String cloudTopic, CharSequence secret) {
                return real.localDownlinkTopics(cloudTopic, secret);
            }

            @Override
            public Optional<String> cloudResponseTopic(Uplink uplink, CharSequence secret) {
                return real.cloudResponseTopic(uplink, secret);
            }
        };
    }
}
