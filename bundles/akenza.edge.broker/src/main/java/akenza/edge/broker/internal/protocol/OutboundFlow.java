// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.session.Inflight;
import akenza.edge.broker.internal.session.OutboundMessage;
import akenza.edge.broker.internal.session.Session;
import io.netty.buffer.ByteBuf;
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

    private final ClientLink link;
    private final Established client;
    private final BrokerMetrics metrics;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final int sendQuota;
    private final long maxPacketSize;
    /** v5 topic aliases this connection assigned, up to the client's Topic Alias Maximum (first come). */
    private final Map<String, Integer> aliases = new HashMap<>();
    private final int aliasMaximum;
    /**
     * The MQTT 3.1.1 PUBLISHes of the drain in progress, encoded into one buffer ({@link Publish311Encoder}), or
     * {@code null}: one write for a drain instead of a message, an encoder pass, a promise and a buffer each.
     */
    private ByteBuf batch;
    /** A batch this large is written at once, so that the channel's writability counts it. */
    private static final int BATCH_BYTES = 16 * 1024;

    /**
     * @param link the connection
     * @param client what its CONNECT established
     * @param core the shared broker state (its counters)
     * @param quota QoS 1/2 messages the client may have unacknowledged (at least 1 is used)
     * @param clientMaxPacketSize the largest packet the client accepts
     * @param clientAliasMaximum topic aliases the client accepts from the broker
     */
    OutboundFlow(ClientLink link, Established client, BrokerCore core, int quota, long clientMaxPacketSize,
            int clientAliasMaximum) {
        this.link = link;
        this.client = client;
        this.metrics = core.metrics();
        this.sendQuota = Math.max(1, quota);
        this.maxPacketSize = clientMaxPacketSize;
        this.aliasMaximum = clientAliasMaximum;
    }

    /** Schedules a drain on the event loop; many calls before it runs cost one task. */
    void drainLater() {
        if (scheduled.compareAndSet(false, true)) {
            link.onLoop(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        if (!link.open() || !link.channel().isActive()) {
            return;
        }
        Session session = client.session();
        boolean wrote = false;
        while (link.channel().isWritable()) {
            Session.Sendable next = session.poll(sendQuota, System.nanoTime(), metrics);
            if (next == null) {
                break;
            }
            wrote |= write(next.packetId(), next.outbound(), false, true);
        }
        emitBatch();
        if (wrote) {
            link.channel().flush();
        }
    }

    private void emitBatch() {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            link.channel().write(b, link.channel().voidPromise());
        }
    }

    /**
     * @param batched whether an MQTT 3.1.1 PUBLISH may go into the drain's {@link #batch} (not while resending,
     *        whose PUBRELs go in between)
     */
    private boolean write(int packetId, OutboundMessage out, boolean dup, boolean batched) {
        Message m = out.message();
        long now = System.nanoTime();
        if (m.expired(now)) {
            forget(packetId, out);
            metrics.dropped("expired");
            return false;
        }
        if (batched && !client.v5()) {
            if (batch == null) {
                batch = link.channel().alloc().ioBuffer(Math.min(BATCH_BYTES, 256 + m.payload().length));
            }
            Publish311Encoder.encode(batch, m.topic(), out.qos(), out.retain(), dup, packetId, m.payload());
            metrics.messageOut(out.qos(), m.payload().length);
            if (batch.readableBytes() >= BATCH_BYTES) {
                emitBatch();
            }
            return true;
        }
        MqttProperties props = client.v5()
                ? PropertyMapper.toNetty(m.properties(), m.remainingExpirySeconds(now), out.subscriptionIds())
                : MqttProperties.NO_PROPERTIES;
        String topic = m.topic();
        Integer newAlias = null;
        if (client.v5() && aliasMaximum > 0) {
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
        if (client.v5() && PublishSize.of(topic, out.qos(), props, m.payload().length) > maxPacketSize) {
            // MQTT 5 3.1.2.25: discard it for this client only, as if it had been sent.
            forget(packetId, out);
            metrics.dropped("too_large_for_client");
            return false;
        }
        if (newAlias != null) {
            aliases.put(topic, newAlias);
        }
        MqttPublishMessage publish = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(out.qos()), out.retain(), 0),
                new MqttPublishVariableHeader(topic, packetId, props), Unpooled.wrappedBuffer(m.payload()));
        link.channel().write(publish);
        metrics.messageOut(out.qos(), m.payload().length);
        return true;
    }

    private void forget(int packetId, OutboundMessage out) {
        if (out.qos() == 1) {
            client.session().puback(packetId);
        } else if (out.qos() == 2) {
            client.session().pubrec(packetId, false);
        }
    }

    /** Resends what the previous connection of this session left unacknowledged. */
    void resendInflight() {
        boolean wrote = false;
        for (Inflight entry : client.session().inflight()) {
            if (entry.released()) {
                link.channel().write(Packets.pubReply(MqttMessageType.PUBREL, entry.packetId(), ReasonCodes.SUCCESS, null));
                wrote = true;
            } else {
                wrote |= write(entry.packetId(), entry.outbound(), true, false);
            }
        }
        if (wrote) {
            link.channel().flush();
        }
    }

    void onPuback(int packetId) {
        if (client.session().puback(packetId)) {
            drainLater();
        }
    }

    void onPubrec(int packetId, int reasonCode) {
        boolean accepted = reasonCode < 0x80;
        if (client.session().pubrec(packetId, accepted)) {
            if (accepted) {
                link.reply(
                        Packets.pubReply(MqttMessageType.PUBREL, packetId, ReasonCodes.SUCCESS, null));
            } else {
                drainLater();
            }
        } else {
            link.reply(Packets.pubReply(MqttMessageType.PUBREL, packetId,
                    client.v5() ? ReasonCodes.PACKET_ID_NOT_FOUND : ReasonCodes.SUCCESS, null));
        }
    }

    void onPubcomp(int packetId) {
        if (client.session().pubcomp(packetId)) {
            drainLater();
        }
    }
}
