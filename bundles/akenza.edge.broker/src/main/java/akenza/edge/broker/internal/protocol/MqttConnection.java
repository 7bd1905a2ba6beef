// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.log.LogText;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionOwner;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the MQTT state machine on top of Netty's codec. Everything here runs on the
 * channel's event loop; the flows ({@link ConnectFlow}, {@link InboundFlow}, {@link OutboundFlow},
 * {@link SubscriptionFlow}) hold the per-packet logic.
 */
public final class MqttConnection extends ChannelInboundHandlerAdapter implements SessionOwner {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final int MAX_BUFFERED_DURING_AUTH = 64;
    /** How long a client told to go (MQTT 5 DISCONNECT) may keep its socket open before the broker closes it. */
    static final long CLOSE_GRACE_MILLIS = 2_000;
    /** More packets than one read of the largest receive buffer can decode to; a safety net only. */
    private static final int MAX_HELD_WHILE_UNWRITABLE = 65_536;

    /** Where the connection is in its life. */
    enum State {
        AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED
    }

    final BrokerCore core;
    final boolean tls;
    Channel channel;
    State state = State.AWAIT_CONNECT;
    int version = 4;
    String clientId;
    DeviceIdentity identity;
    Session session;
    WillMessage will;
    boolean overConnectionLimit;
    /** v5 Request Problem Information: when false, acknowledgements carry no reason string. */
    boolean problemInformation = true;
    /** Set once a close is under way: later packets are ignored. */
    boolean closing;
    /**
     * Whether this connection is inside a read (or a replay of held packets): replies are then only written,
     * and flushed once when the read completes, so a burst of PUBLISHes or PINGREQs costs one flush, not one each.
     */
    private boolean reading;
    /** Whether a reply was written during the current read and still waits for its flush. */
    private boolean unflushed;
    private final ArrayDeque<MqttMessage> buffered = new ArrayDeque<>();
    private ScheduledFuture<?> connectTimeout;
    ScheduledFuture<?> credentialExpiry;
    final ConnectFlow connectFlow = new ConnectFlow(this);
    final InboundFlow inbound = new InboundFlow(this);
    final OutboundFlow outbound = new OutboundFlow(this);
    final SubscriptionFlow subscriptions = new SubscriptionFlow(this);

    /**
     * @param core the shared broker state
     * @param tls whether this connection came through the TLS listener
     */
    public MqttConnection(BrokerCore core, boolean tls) {
        this.core = core;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        int open = core.openConnections().incrementAndGet();
        overConnectionLimit = open > core.settings().maxConnections();
        core.metrics().increment("connections.sockets");
        connectTimeout = ctx.executor().schedule(() -> {
            if (state == State.AWAIT_CONNECT) {
                core.metrics().refused("connect_timeout");
                channel.close();
            }
        }, core.settings().connectTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (!(msg instanceof MqttMessage message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.AUTHENTICATING && message.decoderResult().isSuccess()) {
            if (buffered.size() >= MAX_BUFFERED_DURING_AUTH) {
                ReferenceCountUtil.release(msg);
                channel.close();
            } else {
                buffered.add(message); // released when processed or on close
            }
            return;
        }
        if (state == State.CONNECTED && (!channel.isWritable() || !buffered.isEmpty())) {
            // Read back-pressure: the client does not take what we write. Reading is off (see
            // channelWritabilityChanged); what the last read still decodes waits here, unanswered, so no reply
            // piles up in memory. One read is at most a receive buffer, which bounds this queue.
            if (buffered.size() >= MAX_HELD_WHILE_UNWRITABLE) {
                ReferenceCountUtil.release(msg);
                core.metrics().increment("connections.closed.slow_reader");
                closeQuietly();
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
        if (state == State.CLOSED || closing) {
            return;
        }
        if (message.decoderResult().isFailure()) {
            onDecoderFailure(message.decoderResult().cause());
            return;
        }
        if (state == State.AWAIT_CONNECT || state == State.AUTHENTICATING) {
            if (state == State.AWAIT_CONNECT && message instanceof MqttConnectMessage connect) {
                if (connectTimeout != null) {
                    connectTimeout.cancel(false);
                }
                connectFlow.onConnect(connect);
            } else {
                core.metrics().refused("protocol_error");
                closeQuietly();
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
            case PINGREQ -> reply(Packets.pingResp());
            case DISCONNECT -> connectFlow.onDisconnect(message);
            case CONNECT -> protocolError("second CONNECT");
            default -> protocolError("unexpected " + message.fixedHeader().messageType());
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
        if (state == State.AWAIT_CONNECT) {
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
            closeQuietly();
            return;
        }
        // The codec's message may quote a topic that holds a connector secret: log the kind of failure only.
        LOG.debug("Malformed packet from {}: {}", LogText.of(clientId), cause.getClass().getSimpleName());
        if (cause instanceof TooLongFrameException) {
            core.metrics().dropped("too_large");
            closeWith(ReasonCodes.PACKET_TOO_LARGE, "packet too large");
        } else {
            closeWith(ReasonCodes.MALFORMED_PACKET, "malformed packet");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushReplies();
        ctx.fireChannelReadComplete();
    }

    /**
     * Writes a reply to a packet of this client: flushed when the current read completes, or at once outside a
     * read (a completion on the event loop, say).
     *
     * @param packet the reply
     */
    void reply(Object packet) {
        if (reading) {
            channel.write(packet);
            unflushed = true;
        } else {
            channel.writeAndFlush(packet);
        }
    }

    /** Flushes replies written with {@link Channel#write}: at once outside a read, else when the read completes. */
    void flushOrDefer() {
        if (reading) {
            unflushed = true;
        } else {
            channel.flush();
        }
    }

    private void flushReplies() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            core.metrics().increment("connections.keepalive_timeout");
            closeWith(ReasonCodes.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            drainLater();
            if (state == State.CONNECTED) {
                replayBuffered();
            }
        } else if (state == State.CONNECTED) {
            // Stop reading a client that does not read: every packet it sends would queue a reply in memory.
            core.metrics().increment("connections.read_paused");
            channel.config().setAutoRead(false);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection of {} failed: {}", LogText.of(clientId), cause.getClass().getSimpleName());
        closeQuietly();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        core.openConnections().decrementAndGet();
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        if (credentialExpiry != null) {
            credentialExpiry.cancel(false);
        }
        while (!buffered.isEmpty()) {
            ReferenceCountUtil.release(buffered.poll());
        }
        if (was == State.CONNECTED) {
            connectFlow.onClosed();
        }
        ctx.fireChannelInactive();
    }

    /**
     * Resumes after a successful authentication, or when the client reads again: processes what arrived
     * meanwhile, then reads again unless the outbound buffer filled once more.
     */
    void replayBuffered() {
        boolean wasReading = reading;
        reading = true; // the held packets are one batch: their replies share one flush
        try {
            while (!buffered.isEmpty() && state == State.CONNECTED && channel.isWritable()) {
                MqttMessage m = buffered.poll();
                try {
                    handle(m);
                } finally {
                    ReferenceCountUtil.release(m);
                }
            }
        } finally {
            reading = wasReading;
            if (!wasReading) {
                flushReplies();
            }
        }
        inbound.resumeReadingIfAllowed();
    }

    /** @return whether the client speaks MQTT 5 */
    boolean v5() {
        return version == 5;
    }

    /**
     * Treats a protocol violation: v5 DISCONNECT 0x82, then close.
     *
     * @param what a short description for the debug log
     */
    void protocolError(String what) {
        LOG.debug("Protocol error from {}: {}", LogText.of(clientId), what);
        core.metrics().increment("packets.protocol_error");
        closeWith(ReasonCodes.PROTOCOL_ERROR, what);
    }

    /**
     * Closes the connection; MQTT 5 clients past CONNACK first get a DISCONNECT with the reason.
     *
     * @param reason the v5 reason code
     * @param reasonString a reason string without secrets
     */
    void closeWith(byte reason, String reasonString) {
        if (closing || state == State.CLOSED || !channel.isActive()) {
            return;
        }
        if (v5() && state == State.CONNECTED) {
            closing = true;
            // A client that is silent, replaced or outlived by the broker is not sending: close at once, so its
            // will and its session's expiry are not held up.
            boolean drain = reason != ReasonCodes.KEEP_ALIVE_TIMEOUT && reason != ReasonCodes.SESSION_TAKEN_OVER
                    && reason != ReasonCodes.SERVER_SHUTTING_DOWN;
            channel.writeAndFlush(Packets.disconnect(reason, reasonString))
                    .addListener(f -> closeAfterDisconnect(drain));
        } else {
            closeQuietly();
        }
    }

    /**
     * Ends the connection after a DISCONNECT (the server then closes it, MQTT 5 4.13.2). Closing a socket with
     * input still unread makes TCP answer the client's next packets with a reset, so a client still sending (a
     * PUBREL for a PUBREC it just read, say) fails with a broken pipe before it reads the DISCONNECT. Over plain
     * TCP the broker therefore half-closes: it ends its output after the DISCONNECT, discards what the client
     * still sends, and closes when the client does or after {@link #CLOSE_GRACE_MILLIS} at the latest.
     *
     * @param drain false to close at once (a client that is not sending anyway)
     */
    private void closeAfterDisconnect(boolean drain) {
        if (!drain || !(channel instanceof DuplexChannel duplex) || !channel.isActive() || tls) {
            channel.close();
            return;
        }
        try {
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            channel.close(); // the broker is stopping
            return;
        }
        channel.config().setAutoRead(true); // read and discard (handle() ignores packets while closing)
        duplex.shutdownOutput();
    }

    /** Closes without telling the client why. */
    void closeQuietly() {
        closing = true;
        if (channel != null) {
            flushReplies(); // closing drops unflushed writes: a PUBACK before the client's DISCONNECT must go out
            channel.close();
        }
    }

    /**
     * Runs a task on this connection's event loop; dropped when the broker has already stopped the loop.
     *
     * @param task the task
     */
    void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Event loop of {} is stopped; task dropped", LogText.of(clientId));
        }
    }

    /** Ends the connection because the broker stops: MQTT 5 clients get DISCONNECT 0x8B. Any thread. */
    public void shutdown() {
        onLoop(() -> closeWith(ReasonCodes.SERVER_SHUTTING_DOWN, "server shutting down"));
    }

    @Override
    public void drainLater() {
        outbound.drainLater();
    }

    @Override
    public void credentialsRevoked(String deviceId) {
        onLoop(() -> {
            if (state == State.CONNECTED && identity != null && identity.method() == AuthMethod.JWT
                    && identity.id().equals(deviceId)) {
                core.metrics().increment("connections.revoked");
                closeWith(ReasonCodes.NOT_AUTHORIZED, "credentials revoked");
            }
        });
    }

    @Override
    public void takenOver() {
        onLoop(() -> {
            core.metrics().increment("connections.taken_over");
            closeWith(ReasonCodes.SESSION_TAKEN_OVER, "session taken over");
        });
    }
}
