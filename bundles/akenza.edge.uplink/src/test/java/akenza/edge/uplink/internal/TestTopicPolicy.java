// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.TopicPolicy;
import akenza.edge.api.message.Uplink;
import java.util.List;
import java.util.Optional;

/** The akenza topic grammar, reduced to what the forwarder uses (the real one lives in the topics bundle). */
class TestTopicPolicy implements TopicPolicy {

    private static final String LOCAL_DOWN = "/down/device/id/";

    @Override
    public PublishDecision classifyPublish(DeviceIdentity identity, String topic) {
        return new PublishDecision.LocalOnly();
    }

    @Override
    public Optional<String> refuseSubscribe(DeviceIdentity identity, String topicFilter) {
        return Optional.empty();
    }

    @Override
    public String cloudUplinkTopic(Uplink uplink, CharSequence secret) {
        StringBuilder topic = new StringBuilder("/up/").append(secret).append("/id/").append(uplink.deviceId());
        for (String level : uplink.levels()) {
            topic.append('/').append(level);
        }
        return topic.toString();
    }

    @Override
    public String cloudDownlinkFilter(CharSequence secret) {
        return "/down/" + secret + "/id/+/#";
    }

    @Override
    public String cloudDownlinkFilter(String deviceId, CharSequence secret) {
        return "/down/" + secret + "/id/" + deviceId + "/#";
    }

    @Override
    public List<String> localDownlinkTopics(String cloudTopic, CharSequence secret) {
        String prefix = "/down/" + secret + "/id/";
        if (!cloudTopic.startsWith(prefix)) {
            return List.of();
        }
        return List.of(LOCAL_DOWN + cloudTopic.substring(prefix.length()));
    }

    @Override
    public Optional<String> cloudResponseTopic(Uplink uplink, CharSequence secret) {
        String local = uplink.properties().responseTopic();
        if (local == null || !local.startsWith(LOCAL_DOWN)) {
            return Optional.empty();
        }
        return Optional.of("/down/" + secret + "/id/" + local.substring(LOCAL_DOWN.length()));
    }
}
