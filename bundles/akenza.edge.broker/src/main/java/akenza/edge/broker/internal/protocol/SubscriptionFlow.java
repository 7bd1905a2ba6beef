// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.log.LogText;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.routing.Subscription;
import akenza.edge.broker.internal.routing.Topics;
import akenza.edge.broker.internal.security.PublishAuthorizer;
import akenza.edge.broker.internal.session.Session;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SUBSCRIBE and UNSUBSCRIBE: validation, authorization per filter, limits, retained messages. */
final class SubscriptionFlow {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFlow.class);

    private final MqttConnection c;

    SubscriptionFlow(MqttConnection connection) {
        this.c = connection;
    }

    void onSubscribe(MqttSubscribeMessage msg) {
        BrokerSettings s = c.core.settings();
        Session session = c.session;
        int packetId = msg.idAndPropertiesVariableHeader().messageId();
        Integer subscriptionId = c.v5() ? PropertyMapper.intValue(
                msg.idAndPropertiesVariableHeader().properties(), MqttPropertyType.SUBSCRIPTION_IDENTIFIER) : null;
        if (subscriptionId != null && subscriptionId == 0) {
            c.protocolError("subscription identifier 0");
            return;
        }
        List<Integer> codes = new ArrayList<>();
        List<Subscription> retainedFor = new ArrayList<>();
        for (MqttTopicSubscription request : msg.payload().topicSubscriptions()) {
            String raw = request.topicName();
            MqttSubscriptionOption option = request.option();
            Topics.ParsedFilter parsed = Topics.parseFilter(raw);
            if (parsed == null || !Topics.isValidFilter(parsed.filter(), s.maxTopicLength())) {
                c.core.metrics().increment("refused.subscribe");
                codes.add((int) (c.v5() ? ReasonCodes.TOPIC_FILTER_INVALID : ReasonCodes.UNSPECIFIED_ERROR) & 0xFF);
                continue;
            }
            if (c.v5() && parsed.shared() && option.isNoLocal()) {
                c.protocolError("no-local on a shared subscription");
                return;
            }
            Optional<String> refusal = PublishAuthorizer.refuseSubscribe(c.identity, raw, c.core.acl(),
                    c.core.services().topicPolicy());
            boolean aclFiltered = false;
            if (refusal.isPresent() && !c.identity.method().isDevice()
                    && PublishAuthorizer.reachesAllowedTopics(parsed.filter(), c.core.acl())) {
                refusal = Optional.empty();
                aclFiltered = true;
            }
            if (refusal.isPresent()) {
                c.core.metrics().increment("refused.subscribe");
                LOG.info("SUBSCRIBE of {} to {} refused: {}", c.identity, LogText.of(raw, c.identity), refusal.get());
                codes.add((int) (c.v5() ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.UNSPECIFIED_ERROR) & 0xFF);
                continue;
            }
            String key = Subscription.key(parsed.group(), parsed.filter());
            boolean existed = session.subscriptions().containsKey(key);
            if (!existed && session.subscriptions().size() >= s.maxSubscriptionsPerClient()) {
                c.core.metrics().increment("refused.subscription_limit");
                codes.add((int) (c.v5() ? ReasonCodes.QUOTA_EXCEEDED : ReasonCodes.UNSPECIFIED_ERROR) & 0xFF);
                continue;
            }
            int qos = option.qos().value();
            int retainHandling = option.retainHandling().value();
            Subscription sub = new Subscription(c.clientId, parsed.filter(), parsed.group(), qos, option.isNoLocal(),
                    option.isRetainAsPublished(), retainHandling, subscriptionId == null ? 0 : subscriptionId,
                    aclFiltered);
            session.subscriptions().put(key, sub);
            c.core.sessions().tree().add(sub);
            codes.add(qos);
            if (!parsed.shared() && (retainHandling == 0 || (retainHandling == 1 && !existed))) {
                retainedFor.add(sub);
            }
        }
        c.reply(Packets.subAck(packetId, codes));
        for (Subscription sub : retainedFor) {
            c.core.router().deliverRetained(session, sub, c.core.retained());
        }
    }

    void onUnsubscribe(MqttUnsubscribeMessage msg) {
        Session session = c.session;
        List<Short> codes = new ArrayList<>();
        for (String raw : msg.payload().topics()) {
            Topics.ParsedFilter parsed = Topics.parseFilter(raw);
            if (parsed == null) {
                codes.add((short) (ReasonCodes.TOPIC_FILTER_INVALID & 0xFF));
                continue;
            }
            Subscription removed = session.subscriptions().remove(Subscription.key(parsed.group(), parsed.filter()));
            if (removed != null) {
                c.core.sessions().tree().remove(c.clientId, parsed.group(), parsed.filter());
                codes.add((short) 0);
            } else {
                codes.add((short) ReasonCodes.NO_SUBSCRIPTION_EXISTED);
            }
        }
        c.reply(Packets.unsubAck(msg.idAndPropertiesVariableHeader().messageId(), codes));
    }
}
