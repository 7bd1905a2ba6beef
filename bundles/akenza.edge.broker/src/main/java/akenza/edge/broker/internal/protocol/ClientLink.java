// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.log.LogText;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection as its flows see it: the socket, where the connection is in its life, replies batched per
 * read, and the ways to end it. Everything here runs on the channel's event loop.
 */
final class ClientLink {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLink.class);
    /** How long a client told to go (MQTT 5 DISCONNECT) may keep its socket open before the broker closes it. */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    /** Where the connection is in its life. */
    enum State {
        AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED
    }

    private final Channel channel;
    private final boolean tls;
    private final BrokerMetrics metrics;
    private State state = State.AWAIT_CONNECT;
    /** The protocol level from the CONNECT, known before it is accepted (refusals depend on it). */
    private int version = 4;
    /** The client id for logs, once the CONNECT is accepted. */
    private String clientId;
    /** Set once a close is under way: later packets are ignored. */
    private boolean closing;
    /**
     * Whether this connection is inside a read (or a replay of held packets): replies are then only written,
     * and flushed once when the read completes, so a burst of PUBLISHes or PINGREQs costs one flush, not one each.
     */
    private boolean reading;
    /** Whether a reply was written during the current read and still waits for its flush. */
    private boolean unflushed;

    ClientLink(Channel channel, boolean tls, BrokerMetrics metrics) {
        this.channel = channel;
        this.tls = tls;
        this.metrics = metrics;
    }

    /** @return the socket */
    Channel channel() {
        return channel;
    }

    /** @return whether the connection came through the TLS listener */
    boolean tls() {
        return tls;
    }

    /** @return where the connection is in its life */
    State state() {
        return state;
    }

    /** @param next where the connection is now */
    void state(State next) {
        state = next;
    }

    /** @param level the protocol level of the CONNECT being processed */
    void version(int level) {
        version = level;
    }

    /** @return whether the client speaks MQTT 5 (known from its CONNECT on, before it is accepted) */
    boolean v5() {
        return version == 5;
    }

    /** @param id the accepted client's id, for logs */
    void clientId(String id) {
        clientId = id;
    }

    /** @return the client id for logs: {@code null} before the CONNECT is accepted */
    String clientId() {
        return clientId;
    }

    /** @return whether a close is under way or done: packets are no longer processed */
    boolean closingOrClosed() {
        return closing || state == State.CLOSED;
    }

    /** @return whether the connection is accepted and no close is under way */
    boolean open() {
        return state == State.CONNECTED && !closing;
    }

    /**
     * Starts a batch of packets (a read, or a replay of held packets) whose replies share one flush.
     *
     * @return whether a batch was already running (pass it to {@link #endBatch})
     */
    boolean beginBatch() {
        boolean was = reading;
        reading = true;
        return was;
    }

    /**
     * Ends a batch; flushes its replies unless an outer batch is still running.
     *
     * @param outer what {@link #beginBatch} returned
     */
    void endBatch(boolean outer) {
        reading = outer;
        if (!outer) {
            flushReplies();
        }
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

    /**
     * Treats a protocol violation: v5 DISCONNECT 0x82, then close.
     *
     * @param what a short description for the debug log
     */
    void protocolError(String what) {
        LOG.debug("Protocol error from {}: {}", LogText.of(clientId), what);
        metrics.increment("packets.protocol_error");
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
        channel.config().setAutoRead(true); // read and discard (packets are ignored while closing)
        duplex.shutdownOutput();
    }

    /** Closes without telling the client why. */
    void closeQuietly() {
        closing = true;
        flushReplies(); // closing drops unflushed writes: a PUBACK before the client's DISCONNECT must go out
        channel.close();
    }

    /**
     * Ends the connection after a last packet (a refusing CONNACK); later packets are ignored.
     *
     * @param packet the packet
     */
    void closeAfter(Object packet) {
        closing = true;
        channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
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
}
