// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.log.LogText;
import akenza.edge.broker.internal.protocol.ClientLink.State;
import akenza.edge.broker.internal.session.SessionOwner;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the MQTT state machine on top of Netty's codec. Everything here runs on the
 * channel's event loop; the flows ({@link ConnectFlow}, {@link InboundFlow}, {@link OutboundFlow},
 * {@link SubscriptionFlow}) hold the per-packet logic, and {@link ClientLink} the socket and its life.
 */
public final class MqttConnection extends ChannelInboundHandlerAdapter implements SessionOwner {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final int MAX_BUFFERED_DURING_AUTH = 64;
    /** More packets than one read of the largest receive buffer can decode to; a safety net only. */
    private static final int MAX_HELD_WHILE_UNWRITABLE = 65_536;

    private final BrokerCore core;
    private final boolean tls;
    private ClientLink link;
    private ConnectFlow connectFlow;
    /** What the CONNECT established; {@code null} until it is accepted. */
    private Established established;
    // The flows of an accepted connection, created with what CONNECT established. The outbound flow is
    // volatile: sessions wake it from any thread, possibly while the connection is still being accepted.
    private InboundFlow inbound;
    private volatile OutboundFlow outbound;
    private SubscriptionFlow subscriptions;
    private boolean overConnectionLimit;
    private final ArrayDeque<MqttMessage> buffered = new ArrayDeque<>();
    private ScheduledFuture<?> connectTimeout;

    /**
     * @param core the shared broker state
     * @param tls whether this connection came through the TLS listener
     */
    public MqttConnection(BrokerCore core, boolean tls) {
        this.core = core;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        link = new ClientLink(ctx.channel(), tls, core.metrics());
        connectFlow = new ConnectFlow(this, link, core);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int open = core.connectionOpened();
        overConnectionLimit = open > core.settings().maxConnections();
        core.metrics().increment("connections.sockets");
        connectTimeout = ctx.executor().schedule(() -> {
            if (link.state() == State.AWAIT_CONNECT) {
                core.metrics().refused("connect_timeout");
                link.channel().close();
            }
        }, core.settings().connectTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        link.beginBatch();
        if (!(msg instanceof MqttMessage message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        State state = link.state();
        if (state == State.AUTHENTICATING && message.decoderResult().isSuccess()) {
            if (buffered.size() >= MAX_BUFFERED_DURING_AUTH) {
                ReferenceCountUtil.release(msg);
                link.channel().close();
            } else {
                buffered.add(message); // released when processed or on close
            }
            return;
        }
        if (state == State.CONNECTED && (!link.channel().isWritable() || !buffered.isEmpty())) {
            // Read back-pressure: the client does not take what we write. Reading is off (see
            // channelWritabilityChanged); what the last read still decodes waits here, unanswered, so no reply
            // piles up in memory. One read is at most a receive buffer, which bounds this queue.
            if (buffered.size() >= MAX_HELD_WHILE_UNWRITABLE) {
                ReferenceCountUtil.release(msg);
                core.metrics().increment("connections.closed.slow_reader");
                link.closeQuietly();
            } else {
                buffered.add(message);
            }
            return;
        }
        try {
            handle(message);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(MqttMessage message) {
        if (link.closingOrClosed()) {
            return;
        }
        if (message.decoderResult().isFailure()) {
            onDecoderFailure(message.decoderResult().cause());
            return;
        }
        State state = link.state();
        if (state == State.AWAIT_CONNECT || state == State.AUTHENTICATING) {
            if (state == State.AWAIT_CONNECT && message instanceof MqttConnectMessage connect) {
                if (connectTimeout != null) {
                    connectTimeout.cancel(false);
                }
                connectFlow.onConnect(connect);
            } else {
                core.metrics().refused("protocol_error");
                link.closeQuietly();
            }
            return;
        }
        dispatch(message);
    }

    private void dispatch(MqttMessage message) {
        switch (message.fixedHeader().messageType()) {
            case PUBLISH -> inbound.onPublish((MqttPublishMessage) message);
            case PUBREL -> inbound.onPubrel(messageId(message));
            case PUBACK -> outbound.onPuback(messageId(message));
            case PUBREC -> outbound.onPubrec(messageId(message), replyCode(message));
            case PUBCOMP -> outbound.onPubcomp(messageId(message));
            case SUBSCRIBE -> subscriptions.onSubscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> subscriptions.onUnsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> link.reply(Packets.pingResp());
            case DISCONNECT -> connectFlow.onDisconnect(message);
            case CONNECT -> link.protocolError("second CONNECT");
            default -> link.protocolError("unexpected " + message.fixedHeader().messageType());
        }
    }

    private static int messageId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    private static int replyCode(MqttMessage message) {
        return message.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                ? reply.reasonCode() & 0xFF : 0;
    }

    private void onDecoderFailure(Throwable cause) {
        core.metrics().increment("packets.malformed");
        if (link.state() == State.AWAIT_CONNECT) {
            // The decoder has already recorded the version when the failure is inside the CONNECT payload.
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                connectFlow.refuse(0x01, 0x84, "unsupported_protocol");
                return;
            }
            if (cause instanceof MqttIdentifierRejectedException) {
                connectFlow.refuse(0x02, 0x85, "client_id_invalid");
                return;
            }
            core.metrics().refused("malformed");
            link.closeQuietly();
            return;
        }
        // The codec's message may quote a topic that holds a connector secret: log the kind of failure only.
        LOG.debug("Malformed packet from {}: {}", LogText.of(link.clientId()), cause.getClass().getSimpleName());
        if (cause instanceof TooLongFrameException) {
            core.metrics().dropped("too_large");
            link.closeWith(ReasonCodes.PACKET_TOO_LARGE, "packet too large");
        } else {
            link.closeWith(ReasonCodes.MALFORMED_PACKET, "malformed packet");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        link.endBatch(false);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            core.metrics().increment("connections.keepalive_timeout");
            link.closeWith(ReasonCodes.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (link.channel().isWritable()) {
            drainLater();
            if (link.state() == State.CONNECTED) {
                replayBuffered();
            }
        } else if (link.state() == State.CONNECTED) {
            // Stop reading a client that does not read: every packet it sends would queue a reply in memory.
            core.metrics().increment("connections.read_paused");
            link.channel().config().setAutoRead(false);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection of {} failed: {}", LogText.of(link.clientId()), cause.getClass().getSimpleName());
        link.closeQuietly();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = link.state();
        link.state(State.CLOSED);
        core.connectionClosed();
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        while (!buffered.isEmpty()) {
            ReferenceCountUtil.release(buffered.poll());
        }
        if (was == State.CONNECTED) {
            connectFlow.onClosed();
        }
        ctx.fireChannelInactive();
    }

    /** @return whether the socket was opened beyond {@code max.connections} (its CONNECT is refused) */
    boolean overConnectionLimit() {
        return overConnectionLimit;
    }

    /**
     * Accepts the connection: creates its flows with what CONNECT established.
     *
     * @param what what CONNECT established
     * @param sendQuota QoS 1/2 messages the client may have unacknowledged (its receive maximum, bounded)
     * @param maxPacketSize the largest packet the client accepts
     * @param topicAliasMaximum topic aliases the client accepts from the broker
     */
    void accepted(Established what, int sendQuota, long maxPacketSize, int topicAliasMaximum) {
        established = what;
        link.clientId(what.clientId());
        inbound = new InboundFlow(link, what, core);
        subscriptions = new SubscriptionFlow(link, what, core);
        outbound = new OutboundFlow(link, what, core, sendQuota, maxPacketSize, topicAliasMaximum);
        link.state(State.CONNECTED);
    }

    /** Sends what the session holds for the client and processes what it sent meanwhile; after CONNACK. */
    void startDelivery() {
        outbound.resendInflight();
        outbound.drainLater();
        replayBuffered();
    }

    /**
     * Resumes after a successful authentication, or when the client reads again: processes what arrived
     * meanwhile, then reads again unless the outbound buffer filled once more.
     */
    private void replayBuffered() {
        boolean outer = link.beginBatch(); // the held packets are one batch: their replies share one flush
        try {
            while (!buffered.isEmpty() && link.state() == State.CONNECTED && link.channel().isWritable()) {
                MqttMessage m = buffered.poll();
                try {
                    handle(m);
                } finally {
                    ReferenceCountUtil.release(m);
                }
            }
        } finally {
            link.endBatch(outer);
        }
        inbound.resumeReadingIfAllowed();
    }

    /** Ends the connection because the broker stops: MQTT 5 clients get DISCONNECT 0x8B. Any thread. */
    public void shutdown() {
        ClientLink l = link;
        if (l != null) { // null only while the pipeline is still being set up: closing the channel ends it
            l.onLoop(() -> l.closeWith(ReasonCodes.SERVER_SHUTTING_DOWN, "server shutting down"));
        }
    }

    @Override
    public void drainLater() {
        OutboundFlow flow = outbound;
        if (flow != null) { // else not accepted yet: accepting drains what is queued by then
            flow.drainLater();
        }
    }

    @Override
    public void credentialsRevoked(String deviceId) {
        link.onLoop(() -> {
            DeviceIdentity identity = established == null ? null : established.identity();
            if (link.state() == State.CONNECTED && identity != null && identity.method() == AuthMethod.JWT
                    && identity.id().equals(deviceId)) {
                core.metrics().increment("connections.revoked");
                link.closeWith(ReasonCodes.NOT_AUTHORIZED, "credentials revoked");
            }
        });
    }

    @Override
    public void takenOver() {
        link.onLoop(() -> {
            core.metrics().increment("connections.taken_over");
            link.closeWith(ReasonCodes.SESSION_TAKEN_OVER, "session taken over");
        });
    }
}
