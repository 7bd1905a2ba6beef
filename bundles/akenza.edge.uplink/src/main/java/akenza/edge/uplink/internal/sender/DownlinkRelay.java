// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.TopicMask;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands downlinks from the upstream to the local broker: each cloud topic is mapped by the
 * {@link CloudTopicMapping} to the local topics the device may subscribe to, QoS and properties kept.
 */
public final class DownlinkRelay {

    private static final Logger LOG = LoggerFactory.getLogger(DownlinkRelay.class);

    private final Supplier<CloudTopicMapping> policy;
    private final Supplier<LocalDelivery> delivery;
    private final String secret;
    private final ForwarderStats stats;
    private final Tap tap;

    /** Also hands every downlink to applications on the gateway (the Kura cloud connection). */
    @FunctionalInterface
    public interface Tap {
        /**
         * @param cloudTopic the topic it arrived on
         * @param payload the payload
         * @param qos its QoS
         * @param properties its properties
         */
        void downlink(String cloudTopic, byte[] payload, int qos, MessageProperties properties);
    }

    /**
     * @param policy the current topic policy, or a supplier of {@code null}
     * @param delivery the current local delivery, or a supplier of {@code null}
     * @param secret the connector secret
     * @param stats where relays and failures are counted
     */
    public DownlinkRelay(Supplier<CloudTopicMapping> policy, Supplier<LocalDelivery> delivery, String secret,
            ForwarderStats stats) {
        this(policy, delivery, secret, stats, (topic, payload, qos, properties) -> {
        });
    }

    /**
     * @param policy the current topic policy, or a supplier of {@code null}
     * @param delivery the current local delivery, or a supplier of {@code null}
     * @param secret the connector secret
     * @param stats where relays and failures are counted
     * @param tap also gets every downlink, before the local broker
     */
    public DownlinkRelay(Supplier<CloudTopicMapping> policy, Supplier<LocalDelivery> delivery, String secret,
            ForwarderStats stats, Tap tap) {
        this.tap = tap;
        this.policy = policy;
        this.delivery = delivery;
        this.secret = secret;
        this.stats = stats;
    }

    /**
     * Relays one downlink; never throws.
     *
     * @param cloudTopic the topic it arrived on
     * @param payload the payload
     * @param qos its QoS
     * @param properties its properties
     */
    public void relay(String cloudTopic, byte[] payload, int qos, MessageProperties properties) {
        try {
            tap.downlink(cloudTopic, payload, qos, properties);
        } catch (RuntimeException e) {
            LOG.warn("Downlink on {} not handed to gateway applications: {}", TopicMask.mask(cloudTopic),
                    e.getClass().getSimpleName());
        }
        CloudTopicMapping p = policy.get();
        LocalDelivery d = delivery.get();
        if (p == null || d == null) {
            stats.downlinkUndeliverable();
            LOG.debug("Downlink on {} not deliverable: {}", TopicMask.mask(cloudTopic),
                    p == null ? "no topic policy" : "no local broker");
            return;
        }
        try {
            List<String> topics = p.localDownlinkTopics(cloudTopic, secret);
            if (topics.isEmpty()) {
                stats.downlinkUndeliverable();
                LOG.debug("Downlink on {} maps to no local topic", TopicMask.mask(cloudTopic));
                return;
            }
            for (String topic : topics) {
                d.deliver(new LocalMessage(topic, payload, qos, false, properties));
            }
            stats.downlinkRelayed();
        } catch (RuntimeException e) {
            stats.downlinkUndeliverable();
            LOG.warn("Downlink on {} not delivered: {}", TopicMask.mask(cloudTopic), e.getClass().getSimpleName());
        }
    }
}
