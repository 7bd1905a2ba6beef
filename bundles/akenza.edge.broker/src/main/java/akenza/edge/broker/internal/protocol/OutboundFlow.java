// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.session.Inflight;
import akenza.edge.broker.internal.session.OutboundMessage;
import akenza.edge.broker.internal.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Messages to the client: drains the session queue within the client's receive maximum and the channel's
 * writability, handles PUBACK/PUBREC/PUBCOMP, and resends unacknowledged messages (DUP) after a reconnect.
 */
final class OutboundFlow {

    private final MqttConnection c;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private int sendQuota = 1;
    private long maxPacketSize = Long.MAX_VALUE;
    /** v5 topic aliases this connection assigned, up to the client's Topic Alias Maximum (first come). */
    private final Map<String, Integer> aliases = new HashMap<>();
    private int aliasMaximum;

    OutboundFlow(MqttConnection connection) {
        this.c = connection;
    }

    void configure(int quota, long clientMaxPacketSize, int clientAliasMaximum) {
        this.sendQuota = Math.max(1, quota);
        this.maxPacketSize = clientMaxPacketSize;
        this.aliasMaximum = clientAliasMaximum;
    }

    /** Schedules a drain on the event loop; many calls before it runs cost one task. */
    void drainLater() {
        if (scheduled.compareAndSet(false, true)) {
            c.onLoop(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        if (c.state != MqttConnection.State.CONNECTED || c.closing || !c.channel.isActive()) {
            return;
        }
        Session session = c.session;
        boolean wrote = false;
        while (c.channel.isWritable()) {
            Session.Sendable next = session.poll(sendQuota, System.nanoTime(), c.core.metrics());
            if (next == null) {
                break;
            }
            wrote |= write(next.packetId(), next.outbound(), false);
        }
        if (wrote) {
            c.channel.flush();
        }
    }

    private boolean write(int packetId, OutboundMessage out, boolean dup) {
        Message m = out.message();
        long now = System.nanoTime();
        if (m.expired(now)) {
            forget(packetId, out);
            c.core.metrics().dropped("expired");
            return false;
        }
        MqttProperties props = c.v5()
                ? PropertyMapper.toNetty(m.properties(), m.remainingExpirySeconds(now), out.subscriptionIds())
                : MqttProperties.NO_PROPERTIES;
        String topic = m.topic();
        Integer newAlias = null;
        if (c.v5() && aliasMaximum > 0) {
            Integer alias = aliases.get(topic);
            if (alias != null) {
                topic = ""; // the alias stands for the topic
            } else if (aliases.size() < aliasMaximum) {
                alias = newAlias = aliases.size() + 1;
            }
            if (alias != null) {
                props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), alias));
            }
        }
        if (c.v5() && PublishSize.of(topic, out.qos(), props, m.payload().length) > maxPacketSize) {
            // MQTT 5 3.1.2.25: discard it for this client only, as if it had been sent.
            forget(packetId, out);
            c.core.metrics().dropped("too_large_for_client");
            return false;
        }
        if (newAlias != null) {
            aliases.put(topic, newAlias);
        }
        MqttPublishMessage publish = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(out.qos()), out.retain(), 0),
                new MqttPublishVariableHeader(topic, packetId, props), Unpooled.wrappedBuffer(m.payload()));
        c.channel.write(publish);
        c.core.metrics().messageOut(out.qos(), m.payload().length);
        return true;
    }

    private void forget(int packetId, OutboundMessage out) {
        if (out.qos() == 1) {
            c.session.puback(packetId);
        } else if (out.qos() == 2) {
            c.session.pubrec(packetId, false);
        }
    }

    /** Resends what the previous connection of this session left unacknowledged. */
    void resendInflight() {
        boolean wrote = false;
        for (Inflight entry : c.session.inflight()) {
            if (entry.released()) {
                c.channel.write(Packets.pubReply(MqttMessageType.PUBREL, entry.packetId(), ReasonCodes.SUCCESS, null));
                wrote = true;
            } else {
                wrote |= write(entry.packetId(), entry.outbound(), true);
            }
        }
        if (wrote) {
            c.channel.flush();
        }
    }

    void onPuback(int packetId) {
        if (c.session.puback(packetId)) {
            drainLater();
        }
    }

    void onPubrec(int packetId, int reasonCode) {
        boolean accepted = reasonCode < 0x80;
        if (c.session.pubrec(packetId, accepted)) {
            if (accepted) {
                c.reply(
                        Packets.pubReply(MqttMessageType.PUBREL, packetId, ReasonCodes.SUCCESS, null));
            } else {
                drainLater();
            }
        } else {
            c.reply(Packets.pubReply(MqttMessageType.PUBREL, packetId,
                    c.v5() ? ReasonCodes.PACKET_ID_NOT_FOUND : ReasonCodes.SUCCESS, null));
        }
    }

    void onPubcomp(int packetId) {
        if (c.session.pubcomp(packetId)) {
            drainLater();
        }
    }
}
