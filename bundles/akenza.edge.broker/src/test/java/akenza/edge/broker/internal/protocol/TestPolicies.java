// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.PublishDecision;
import java.util.List;
import java.util.Optional;

/** Topic policies for protocol tests. */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Every {@code up/...} topic is an uplink of device "dev"; everything else is local. */
    static final class AllUplinks implements LocalTopicPolicy {
        @Override
        public PublishDecision classifyPublish(DeviceIdentity identity, String topic) {
            return topic.startsWith("up/") ? new PublishDecision.UplinkRoute("dev", List.of(), "default")
                    : new PublishDecision.LocalOnly();
        }

        @Override
        public Optional<String> refuseSubscribe(DeviceIdentity identity, String topicFilter) {
            return Optional.empty();
        }
    }
}
