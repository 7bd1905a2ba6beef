// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The MQTT client side of one upstream channel, on its event loop only: packet identifiers, the publishes in
 * flight (at most the server's receive maximum; more wait here in order), acknowledgements straight into the
 * publishers' callbacks, SUBACKs, downlinks with their acknowledgements, keep alive, and why the connection
 * ended. Writes are not flushed here one by one: {@link #channelReadComplete} and the client's flush do that
 * once per batch. The PUBLISHes between two flushes are encoded into one buffer ({@link PublishEncoder}),
 * written out before anything else and at the flush.
 */
final class NettyUpstreamHandler extends ChannelDuplexHandler {

    /** A publish waiting for a packet identifier or its acknowledgement. */
    record Pending(OutgoingMessage message, PublishCallback callback) {
    }

    private final boolean mqtt5;
    private final String secret;
    private final UpstreamListener listener;
    private final CompletableFuture<Integer> connack;
    /** Per packet identifier: a {@link PublishCallback} or a SUBACK's future; {@code null} = free. */
    private final Object[] slots = new Object[65_536];
    /** Downlinks at QoS 2 delivered and waiting for their PUBREL (a resend is not delivered twice). */
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int limit;
    private int inflight;
    private int nextId = 1;
    private boolean reading;
    private boolean connected;
    private String lossReason;
    private int lossCode = -1;
    private ChannelHandlerContext ctx;
    /** Enough for a window of small uplinks; grows for more or larger ones. */
    private static final int BATCH_BYTES = 8192;
    /** The PUBLISHes encoded since the last flush, or {@code null}. */
    private ByteBuf batch;

    /**
     * @param mqtt5 whether the connection speaks MQTT 5
     * @param secret the connector secret (redacted from what the server says)
     * @param listener told about downlinks and the loss of an established connection
     * @param connack completed with the server's receive maximum, or failed with an {@link UpstreamException}
     * @param limit the most unacknowledged publishes until the CONNACK says otherwise
     */
    NettyUpstreamHandler(boolean mqtt5, String secret, UpstreamListener listener, CompletableFuture<Integer> connack,
            int limit) {
        this.mqtt5 = mqtt5;
        this.secret = secret;
        this.listener = listener;
        this.connack = connack;
        this.limit = limit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
    }

    /** @return the number of publishes sent and not yet acknowledged */
    int inflight() {
        return inflight;
    }

    /** @return the number of publishes waiting for room under the server's receive maximum */
    int waiting() {
        return waiting.size();
    }

    /** @return whether a read is in progress (its end flushes what was written meanwhile) */
    boolean reading() {
        return reading;
    }

    /** Sends a publish now when the server's receive maximum allows it, else queues it in order; no flush. */
    void send(Pending p) {
        if (!ctx.channel().isActive()) {
            p.callback().failed(lossReason == null ? "connection lost" : lossReason, lossCode);
            return;
        }
        if (inflight >= limit || !waiting.isEmpty()) {
            waiting.add(p);
            return;
        }
        write(p);
    }

    private void write(Pending p) {
        OutgoingMessage m = p.message();
        MqttQoS qos = MqttQoS.valueOf(m.qos());
        if (qos != MqttQoS.AT_MOST_ONCE) {
            int id = allocate(p.callback());
            inflight++;
            if (batch == null) {
                batch = ctx.alloc().directBuffer(BATCH_BYTES);
            }
            PublishEncoder.encode(batch, m, id, mqtt5);
            return;
        }
        MqttPublishMessage publish = new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos,
                m.retain(), 0), new MqttPublishVariableHeader(m.topic(), 0,
                mqtt5 ? NettyProperties.toNetty(m.properties()) : MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(m.payload()));
        emitBatch();
        // QoS 0 is done once written: its own write, with a listener.
        ctx.write(publish).addListener(f -> {
                if (f.isSuccess()) {
                    p.callback().acknowledged();
                } else {
                    p.callback().failed("write failed", -1);
                }
            });
    }

    /** Writes the PUBLISHes encoded so far (before any other write, so order stays as sent). */
    private void emitBatch() {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            ctx.write(b, ctx.voidPromise());
        }
    }

    /** An acknowledgement or PUBREL: after the PUBLISHes encoded before it. */
    private void writeControl(MqttMessage m) {
        emitBatch();
        ctx.write(m, ctx.voidPromise());
    }

    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        emitBatch();
        context.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext context) {
        emitBatch();
        context.flush();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    /**
     * @param topicFilters the filters
     * @param qos the QoS asked for
     * @param done completed with the reason codes of the SUBACK
     */
    void subscribe(List<String> topicFilters, int qos, CompletableFuture<List<Integer>> done) {
        if (!ctx.channel().isActive()) {
            done.completeExceptionally(new UpstreamException(lossReason == null ? "not connected" : lossReason));
            return;
        }
        int id = allocate(done);
        MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe().messageId(id);
        for (String f : topicFilters) {
            b.addSubscription(MqttQoS.valueOf(qos), f);
        }
        MqttSubscribeMessage m = b.build();
        emitBatch();
        ctx.writeAndFlush(m, ctx.voidPromise());
    }

    private int allocate(Object owner) {
        // At most 65,535 identifiers; callers stay far below (receive maximum, a few SUBSCRIBEs).
        while (slots[nextId] != null) {
            nextId = nextId == 65_535 ? 1 : nextId + 1;
        }
        int id = nextId;
        slots[id] = owner;
        nextId = nextId == 65_535 ? 1 : nextId + 1;
        return id;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        reading = true;
        try {
            if (msg instanceof MqttMessage m) {
                if (m.decoderResult().isFailure()) {
                    lost("malformed packet from the server", -1);
                    context.close();
                    return;
                }
                handle(m);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        reading = false;
        emitBatch();
        context.flush();
    }

    private void handle(MqttMessage m) {
        switch (m.fixedHeader().messageType()) {
            case CONNACK -> onConnack((MqttConnAckMessage) m);
            case PUBACK -> onPublishDone(messageId(m), reasonCode(m));
            case PUBREC -> onPubrec(messageId(m), reasonCode(m));
            case PUBCOMP -> onPublishDone(messageId(m), reasonCode(m));
            case SUBACK -> onSuback((MqttSubAckMessage) m);
            case PUBLISH -> onDownlink((MqttPublishMessage) m);
            case PUBREL -> {
                int id = messageId(m);
                inboundQos2.remove(id);
                writeControl(reply(MqttMessageType.PUBCOMP, id));
            }
            case DISCONNECT -> onDisconnect(m);
            default -> {
                // PINGRESP (the read itself resets the idle timer), UNSUBACK, AUTH: nothing to do
            }
        }
    }

    private void onConnack(MqttConnAckMessage m) {
        int code = m.variableHeader().connectReturnCode().byteValue() & 0xFF;
        MqttProperties props = m.variableHeader().properties();
        if (code != 0) {
            Object reasonString = props == null ? null : NettyProperties.value(props, MqttPropertyType.REASON_STRING);
            String why = String.format("connection refused, reason 0x%02X (%s)", code,
                    reasonString != null ? reasonString : m.variableHeader().connectReturnCode());
            connack.completeExceptionally(new UpstreamException(Redactor.redact(why, secret)));
            ctx.close();
            return;
        }
        if (mqtt5 && props != null) {
            Object max = NettyProperties.value(props, MqttPropertyType.RECEIVE_MAXIMUM);
            if (max instanceof Integer i && i > 0) {
                limit = Math.min(limit, i);
            }
        }
        connected = true;
        connack.complete(limit);
    }

    private static int messageId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    private static int reasonCode(MqttMessage m) {
        return m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() & 0xFF : 0;
    }

    private void onPubrec(int id, int reason) {
        if (!(slots[id] instanceof PublishCallback)) {
            return;
        }
        if (reason >= 0x80) {
            onPublishDone(id, reason);
            return;
        }
        writeControl(reply(MqttMessageType.PUBREL, id));
    }

    private void onPublishDone(int id, int reason) {
        if (!(slots[id] instanceof PublishCallback callback)) {
            return; // not ours (or already settled): ignore, as Paho does
        }
        slots[id] = null;
        inflight--;
        // Free room goes to the publishes waiting here first, so they keep their order.
        while (inflight < limit && !waiting.isEmpty()) {
            write(waiting.poll());
        }
        if (reason >= 0x80) {
            callback.rejected(reason);
        } else {
            callback.acknowledged();
        }
    }

    @SuppressWarnings("unchecked")
    private void onSuback(MqttSubAckMessage m) {
        int id = m.variableHeader().messageId();
        if (slots[id] instanceof CompletableFuture<?> f) {
            slots[id] = null;
            ((CompletableFuture<List<Integer>>) f).complete(new ArrayList<>(m.payload().reasonCodes()));
        }
    }

    private void onDownlink(MqttPublishMessage m) {
        int qos = m.fixedHeader().qosLevel().value();
        int id = m.variableHeader().packetId();
        boolean duplicate = qos == 2 && inboundQos2.contains(id);
        if (!duplicate) {
            listener.messageArrived(m.variableHeader().topicName(), ByteBufUtil.getBytes(m.payload()), qos,
                    mqtt5 ? NettyProperties.fromNetty(m.variableHeader().properties())
                            : MessageProperties.NONE);
        }
        if (qos == 1) {
            writeControl(reply(MqttMessageType.PUBACK, id));
        } else if (qos == 2) {
            inboundQos2.add(id);
            writeControl(reply(MqttMessageType.PUBREC, id));
        }
    }

    private MqttMessage reply(MqttMessageType type, int id) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                mqtt5 ? new MqttPubReplyMessageVariableHeader(id, (byte) 0, MqttProperties.NO_PROPERTIES)
                        : MqttMessageIdVariableHeader.from(id));
    }

    private void onDisconnect(MqttMessage m) {
        int code = 0;
        Object reasonString = null;
        if (m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            code = h.reasonCode() & 0xFF;
            reasonString = h.properties() == null ? null
                    : NettyProperties.value(h.properties(), MqttPropertyType.REASON_STRING);
        }
        lost(String.format("server disconnected, reason 0x%02X (%s)", code, reasonString), code >= 0x80 ? code : -1);
        ctx.close();
    }

    /** Keeps the first reason the connection ended for. */
    private void lost(String why, int code) {
        if (lossReason == null) {
            lossReason = Redactor.redact(why, secret);
            lossCode = code;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            lost("no packet from the server within 1.5 keep-alive intervals", -1);
            context.close();
        }
    }

    /** Every keep-alive interval, on the event loop: a PINGREQ once the session is established. */
    void ping() {
        if (connected && ctx.channel().isActive()) {
            emitBatch();
            ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE,
                    false, 0)), ctx.voidPromise());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        lost(cause.getClass().getSimpleName() + ": " + cause.getMessage(), -1);
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        String why = lossReason == null ? "connection closed by the server" : lossReason;
        int code = lossCode;
        connack.completeExceptionally(new UpstreamException(why));
        for (int id = 1; id < slots.length; id++) {
            Object owner = slots[id];
            if (owner == null) {
                continue;
            }
            slots[id] = null;
            if (owner instanceof PublishCallback callback) {
                callback.failed(why, code);
            } else if (owner instanceof CompletableFuture<?> f) {
                f.completeExceptionally(new UpstreamException(why));
            }
        }
        inflight = 0;
        for (Pending p; (p = waiting.poll()) != null;) {
            p.callback().failed(why, code);
        }
        if (connected) {
            connected = false;
            listener.connectionLost(why, code);
        }
    }
}
