// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.client.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a buffered uplink into the upstream PUBLISH: cloud topic, configured QoS, retain flag, and the
 * properties with the response topic mapped and the message expiry reduced by the time spent queued.
 */
final class UplinkMapper {

    private UplinkMapper() {
    }

    /**
     * @param uplink the uplink
     * @param policy the topic policy
     * @param secret the connector secret
     * @param qos the upstream QoS
     * @param now the current time (only read when the uplink has a message expiry)
     * @return the message, or empty when its expiry passed while it was queued
     */
    static Optional<OutgoingMessage> map(Uplink uplink, CloudTopicMapping policy, String secret, int qos, Instant now) {
        MessageProperties props = uplink.properties();
        if (props.messageExpirySeconds() != null) {
            long queued = Math.max(0, Duration.between(uplink.receivedAt(), now).getSeconds());
            long left = props.messageExpirySeconds() - queued;
            if (left <= 0) {
                return Optional.empty();
            }
            props = props.withMessageExpirySeconds(left);
        }
        if (props.responseTopic() != null) {
            props = props.withResponseTopic(policy.cloudResponseTopic(uplink, secret).orElse(null));
        }
        String topic = policy.cloudUplinkTopic(uplink, secret);
        return Optional.of(new OutgoingMessage(topic, uplink.payload(), qos, uplink.retain(), props));
    }
}
