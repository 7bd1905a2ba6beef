// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.log.LogText;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.routing.Topics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH and PUBREL from the client: topic aliases, validation, authorization, routing, uplink offers,
 * and acknowledgements sent strictly in arrival order even when uplink offers complete out of order.
 * While more offers than the inflight window are pending, the connection stops reading.
 */
final class InboundFlow {

    private static final Logger LOG = LoggerFactory.getLogger(InboundFlow.class);
    private static final int LOGGED_REFUSALS_PER_CONNECTION = 5;
    /** Room for 32 four-byte acknowledgements; the buffer grows for more. */
    private static final int ACKS_BUFFER_BYTES = 128;

    /** One QoS 1/2 PUBLISH waiting for its acknowledgement to be sent. */
    private static final class PendingAck {
        final int packetId;
        final int qos;
        boolean done;
        byte reason;
        String reasonString;
        boolean closeInstead;
        /** Set by the thread that completed the offer, read on the event loop after the hand-over queue. */
        Throwable failure;

        PendingAck(int packetId, int qos) {
            this.packetId = packetId;
            this.qos = qos;
        }
    }

    private final ClientLink link;
    private final Established client;
    private final BrokerCore core;
    private final BrokerMetrics metrics;
    private final BrokerMetrics.Counter uplinksAcknowledged;
    private final ArrayDeque<PendingAck> acks = new ArrayDeque<>();
    private final Map<Integer, String> aliases = new HashMap<>();
    /**
     * Offers completed on another thread (the buffer writer completes a whole commit's worth in a row), waiting
     * for the event loop: one task takes them all and sends their acknowledgements with one flush, instead of a
     * task, a write and a flush (a system call) per message.
     */
    private final Queue<PendingAck> completed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private int pendingOffers;
    private int refusalsLogged;

    InboundFlow(ClientLink link, Established client, BrokerCore core) {
        this.link = link;
        this.client = client;
        this.core = core;
        this.metrics = core.metrics();
        this.uplinksAcknowledged = metrics.counter("uplinks.acknowledged");
    }

    void onPublish(MqttPublishMessage msg) {
        BrokerSettings s = core.settings();
        MqttPublishVariableHeader vh = msg.variableHeader();
        int qos = msg.fixedHeader().qosLevel().value();
        int packetId = vh.packetId();
        String topic = vh.topicName();
        MqttProperties props = vh.properties();
        if (client.v5()) {
            Integer alias = PropertyMapper.intValue(props, MqttPropertyType.TOPIC_ALIAS);
            if (alias != null) {
                if (alias == 0 || alias > s.maxTopicAliases()) {
                    metrics.increment("refused.topic_alias");
                    link.closeWith(ReasonCodes.TOPIC_ALIAS_INVALID, "topic alias invalid");
                    return;
                }
                if (topic.isEmpty()) {
                    topic = aliases.get(alias);
                    if (topic == null) {
                        link.protocolError("unknown topic alias");
                        return;
                    }
                } else {
                    aliases.put(alias, topic);
                }
            }
        }
        if (!Topics.isValidName(topic, s.maxTopicLength())) {
            metrics.increment("refused.topic_invalid");
            link.closeWith(ReasonCodes.TOPIC_NAME_INVALID, "topic name invalid");
            return;
        }
        int size = msg.content().readableBytes();
        metrics.messageIn(qos, size);
        if (qos == 2 && client.session().hasInboundQos2(packetId)) {
            // A resent QoS 2 PUBLISH we already took: acknowledge again, do not deliver twice.
            enqueueDone(packetId, qos, ReasonCodes.SUCCESS, null);
            return;
        }
        if (qos > 0 && client.v5() && unacknowledged() >= s.maxInflight()) {
            metrics.increment("refused.receive_maximum");
            link.closeWith(ReasonCodes.RECEIVE_MAXIMUM_EXCEEDED, "receive maximum exceeded");
            return;
        }
        if (qos == 2 && !client.v5() && client.session().inboundQos2Count() >= s.maxInflight()) {
            // MQTT 3.1.1 has no receive maximum: a client that never releases its QoS 2 messages is cut off here
            // rather than growing its session's packet-id set without bound.
            metrics.increment("refused.qos2_unreleased");
            link.closeQuietly();
            return;
        }
        PublishDecision decision = core.authorizePublish(client.identity(), topic);
        if (decision instanceof PublishDecision.Refused refused) {
            refuse(topic, qos, packetId, refused.reason());
            return;
        }
        MessageProperties mp = client.v5() ? PropertyMapper.fromNetty(props) : MessageProperties.NONE;
        if (Integer.valueOf(1).equals(mp.payloadFormatIndicator()) && !isUtf8(msg.content())) {
            metrics.increment("refused.payload_format");
            if (qos > 0) {
                enqueueDone(packetId, qos, ReasonCodes.PAYLOAD_FORMAT_INVALID, "payload is not UTF-8");
            }
            return;
        }
        Message message = new Message(topic, ByteBufUtil.getBytes(msg.content()), qos, msg.fixedHeader().isRetain(),
                mp, client.clientId(), System.nanoTime());
        CompletionStage<Void> stage = core.publish(message, decision);
        if (qos == 0) {
            CompletableFuture<Void> done = stage.toCompletableFuture();
            if (done.isDone()) { // the common case: no completion callback per message
                if (done.isCompletedExceptionally()) {
                    metrics.increment("uplinks.refused");
                }
                return;
            }
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    metrics.increment("uplinks.refused");
                }
            });
            return;
        }
        PendingAck ack = new PendingAck(packetId, qos);
        acks.add(ack);
        CompletableFuture<Void> future = stage.toCompletableFuture();
        if (future.isDone()) {
            complete(ack, future.isCompletedExceptionally() ? failureOf(future) : null);
            flushAcks();
            return;
        }
        pendingOffers++;
        if (pendingOffers >= s.maxInflight()) {
            link.channel().config().setAutoRead(false);
        }
        stage.whenComplete((v, e) -> offerCompleted(ack, e));
    }

    /** On the thread that completed the offer: hands it to the event loop, scheduling a drain unless one is due. */
    private void offerCompleted(PendingAck ack, Throwable failure) {
        ack.failure = failure;
        completed.add(ack);
        if (drainScheduled.compareAndSet(false, true)) {
            link.onLoop(this::drainCompleted);
        }
    }

    /**
     * On the event loop. The flag is cleared before polling: an offer completed after that either is polled here
     * or schedules the next drain, so none waits.
     */
    private void drainCompleted() {
        drainScheduled.set(false);
        PendingAck ack;
        while ((ack = completed.poll()) != null) {
            pendingOffers--;
            complete(ack, ack.failure);
        }
        flushAcks();
        resumeReadingIfAllowed();
    }

    /** The payload format indicator promises UTF-8; the broker checks it (spec: MAY) instead of forwarding garbage. */
    private static boolean isUtf8(ByteBuf payload) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(payload.nioBuffer());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> future) {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void refuse(String topic, int qos, int packetId, String why) {
        metrics.increment("refused.publish");
        // A misconfigured device may repeat a refused PUBLISH many times a second: log the first few at INFO.
        if (++refusalsLogged <= LOGGED_REFUSALS_PER_CONNECTION) {
            LOG.info("PUBLISH of {} on {} refused: {}", client.identity(), LogText.of(topic, client.identity()), why);
        } else {
            LOG.debug("PUBLISH of {} on {} refused: {}", client.identity(), LogText.of(topic, client.identity()), why);
        }
        if (!client.v5()) {
            link.closeQuietly();
            return;
        }
        if (qos > 0) {
            enqueueDone(packetId, qos, ReasonCodes.NOT_AUTHORIZED, "not authorized");
        }
    }

    private void enqueueDone(int packetId, int qos, byte reason, String reasonString) {
        PendingAck ack = new PendingAck(packetId, qos);
        ack.done = true;
        ack.reason = reason;
        ack.reasonString = reasonString;
        acks.add(ack);
        flushAcks();
    }

    private void complete(PendingAck ack, Throwable failure) {
        ack.done = true;
        if (failure == null) {
            uplinksAcknowledged.increment();
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        metrics.increment("uplinks.refused");
        if (cause instanceof UplinkRefusedException refused) {
            ack.reason = (byte) refused.reason().mqtt5ReasonCode();
            ack.reasonString = refused.reason() == UplinkRefusedException.Reason.QUOTA_EXCEEDED ? "quota exceeded"
                    : "uplink unavailable";
        } else {
            ack.reason = ReasonCodes.UNSPECIFIED_ERROR;
            ack.reasonString = "uplink failed";
        }
        // MQTT 3.1.1 has no negative acknowledgement: close unacknowledged so the device resends. While no store
        // can take uplinks (forwarder absent, restarting, buffer failing), MQTT 5 devices get DISCONNECT 0x89
        // (server busy) with the PUBLISH unacknowledged: a negative PUBACK would end the message for good.
        ack.closeInstead = !client.v5() || cause instanceof SinkUnavailableException
                || cause instanceof UplinkRefusedException r && r.reason() == UplinkRefusedException.Reason.UNAVAILABLE;
    }

    /**
     * Writes the acknowledgements that are due, in order, and flushes once. Successful ones without a reason string
     * (nearly all) are written into one shared buffer ({@link Packets#writeSuccessReply}); any other goes out as
     * its own message after the buffer's earlier ones.
     */
    private void flushAcks() {
        boolean wrote = false;
        ByteBuf plain = null;
        while (!acks.isEmpty() && acks.peek().done) {
            PendingAck ack = acks.poll();
            if (ack.closeInstead) {
                acks.clear();
                write(plain);
                link.closeWith(ReasonCodes.SERVER_BUSY, "uplink store unavailable, retry");
                return;
            }
            if (!link.channel().isActive()) {
                continue;
            }
            String reasonString = client.problemInformation() ? ack.reasonString : null;
            MqttMessageType type = ack.qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
            if (ack.qos == 2 && (ack.reason & 0xFF) < 0x80) {
                client.session().addInboundQos2(ack.packetId);
            }
            if (ack.reason == ReasonCodes.SUCCESS && reasonString == null) {
                if (plain == null) {
                    plain = link.channel().alloc().buffer(ACKS_BUFFER_BYTES);
                }
                Packets.writeSuccessReply(plain, type, ack.packetId);
            } else {
                write(plain);
                plain = null;
                link.channel().write(Packets.pubReply(type, ack.packetId, ack.reason, reasonString));
            }
            wrote = true;
        }
        write(plain);
        if (wrote) {
            link.flushOrDefer();
        }
    }

    private void write(ByteBuf acknowledgements) {
        if (acknowledgements != null) {
            link.channel().write(acknowledgements);
        }
    }

    void onPubrel(int packetId) {
        boolean known = client.session().releaseInboundQos2(packetId);
        byte reason = known || !client.v5() ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_ID_NOT_FOUND;
        link.reply(Packets.pubReply(MqttMessageType.PUBCOMP, packetId, reason, null));
    }

    /** Turns reading back on unless the uplink window is still full or the client is not reading its replies. */
    void resumeReadingIfAllowed() {
        if (link.open() && link.channel().isWritable()
                && pendingOffers < core.settings().maxInflight()) {
            link.channel().config().setAutoRead(true);
        }
    }

    private int unacknowledged() {
        return acks.size() + client.session().inboundQos2Count();
    }
}
