// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The upstream on Netty's MQTT codec (MQTT 5 or 3.1.1, TCP or TLS): one event-loop thread reads, writes and
 * completes acknowledgements straight into the publishers' callbacks, which may publish again from there.
 * Publishes from other threads wait in a queue until {@link #flush()} hands them to the event loop in one
 * task and one socket write; up to the server's receive maximum (MQTT 5) or the inflight window (3.1.1) are
 * unacknowledged at a time.
 */
public final class NettyUpstream implements UpstreamClient {

    /** The largest packet taken from the server (a downlink): far above akenza's, bounded against a bad one. */
    private static final int MAX_PACKET_BYTES = 16 << 20;
    /** The receive maximum announced to the server (downlinks unacknowledged at once), as the Paho client does. */
    private static final int CLIENT_RECEIVE_MAXIMUM = 1024;

    private final UpstreamSettings settings;
    private final TlsSocketFactory tls;
    private final UpstreamListener listener;
    private final int window;
    /** The forwarder's loop ({@link UpstreamLoop}), shared with its other connections; left running at close. */
    private final EventLoopGroup group;
    private final CompletableFuture<Integer> connack = new CompletableFuture<>();
    private final Queue<NettyUpstreamHandler.Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOffScheduled = new AtomicBoolean();
    private volatile NettyUpstreamHandler handler;
    private volatile Channel channel;
    private volatile boolean closed;
    private volatile int receiveMaximum = 65_535;

    /**
     * @param settings where to connect
     * @param tls the TLS set-up, or {@code null} for plain TCP
     * @param listener told about losses and downlinks (on the event loop; must not block)
     * @param window the most unacknowledged publishes (MQTT 5: also at most the server's receive maximum)
     * @param loop the event loop shared with the forwarder's other connections (left running at close)
     */
    public NettyUpstream(UpstreamSettings settings, TlsSocketFactory tls, UpstreamListener listener, int window,
            UpstreamLoop loop) {
        this.settings = settings;
        this.tls = tls;
        this.listener = listener;
        this.window = Math.max(1, Math.min(window, 65_535));
        this.group = loop.group();
    }

    @Override
    public void connect() throws UpstreamException {
        NettyUpstreamHandler h = new NettyUpstreamHandler(settings.mqtt5(), settings.secret(), listener, connack,
                window);
        handler = h;
        int keepAlive = settings.keepAliveSeconds();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutSeconds() * 1000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            SslHandler ssl = new SslHandler(tls.engine(settings.host(), settings.port()));
                            ssl.setHandshakeTimeoutMillis(settings.connectTimeoutSeconds() * 1000L);
                            ch.pipeline().addLast("tls", ssl);
                        }
                        ch.pipeline().addLast("decoder", new MqttDecoder(MAX_PACKET_BYTES));
                        ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE);
                        // Only the server's silence is watched here. Tracking our own writes for the keep-alive
                        // (IdleStateHandler's writer idle) costs a promise and a listener per PUBLISH; a PINGREQ
                        // every keep-alive interval, busy or not, costs one small packet a minute.
                        ch.pipeline().addLast("keepalive", new IdleStateHandler(keepAlive * 1500L, 0, 0,
                                TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("mqtt", h);
                        if (keepAlive > 0) {
                            ScheduledFuture<?> pings = ch.eventLoop().scheduleAtFixedRate(h::ping, keepAlive,
                                    keepAlive, TimeUnit.SECONDS);
                            ch.closeFuture().addListener(f -> pings.cancel(false));
                        }
                    }
                });
        if (closed) {
            throw new UpstreamException("stopped");
        }
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(settings.host(), settings.port());
        } catch (RuntimeException e) {
            // The event loop is shut down: close() raced with this attempt.
            throw new UpstreamException("stopped");
        }
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                // With TLS, the SslHandler holds this write until its handshake is done.
                connecting.channel().writeAndFlush(connectMessage());
            } else {
                Throwable cause = f.cause();
                connack.completeExceptionally(new UpstreamException(Redactor.redact(
                        cause == null ? "connect failed" : cause.getClass().getSimpleName() + ": "
                                + cause.getMessage(), settings.secret())));
            }
        });
        try {
            receiveMaximum = connack.get(settings.connectTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            close();
            throw new UpstreamException("no answer within " + settings.connectTimeoutSeconds() + " s");
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof UpstreamException u ? u
                    : new UpstreamException(Redactor.redact(String.valueOf(e.getCause()), settings.secret()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new UpstreamException("interrupted");
        }
        if (closed) {
            throw new UpstreamException("stopped");
        }
    }

    private MqttConnectMessage connectMessage() {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                .protocolVersion(settings.mqtt5() ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                .clientId(settings.clientId()).cleanSession(true).keepAlive(settings.keepAliveSeconds())
                .hasUser(true).username(settings.connectorId())
                .hasPassword(true).password(settings.secret().getBytes(StandardCharsets.UTF_8));
        if (settings.mqtt5()) {
            MqttProperties props = new MqttProperties();
            props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), CLIENT_RECEIVE_MAXIMUM));
            b.properties(props);
        }
        return b.build();
    }

    @Override
    public int serverReceiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void publish(OutgoingMessage message, PublishCallback callback) throws UpstreamException {
        Channel ch = channel;
        NettyUpstreamHandler h = handler;
        if (ch == null || h == null || !isConnected()) {
            throw new UpstreamException("not connected");
        }
        NettyUpstreamHandler.Pending p = new NettyUpstreamHandler.Pending(message, callback);
        if (ch.eventLoop().inEventLoop()) {
            // From an acknowledgement callback: written now, flushed at the end of the read. What another thread
            // published before (still in the queue) goes first: order is the buffer's order.
            for (NettyUpstreamHandler.Pending earlier; (earlier = outbox.poll()) != null;) {
                h.send(earlier);
            }
            h.send(p);
        } else {
            outbox.add(p);
        }
    }

    /** Hands what was published from other threads to the event loop in one task, written and flushed once. */
    @Override
    public void flush() {
        Channel ch = channel;
        NettyUpstreamHandler h = handler;
        if (ch == null || h == null) {
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            if (!h.reading()) {
                ch.flush();
            }
            return;
        }
        if (!outbox.isEmpty() && handOffScheduled.compareAndSet(false, true)) {
            try {
                ch.eventLoop().execute(() -> handOff(ch, h));
            } catch (RuntimeException e) {
                handOffScheduled.set(false); // the loop is shutting down: the connection is ending anyway
            }
        }
    }

    private void handOff(Channel ch, NettyUpstreamHandler h) {
        handOffScheduled.set(false);
        for (NettyUpstreamHandler.Pending p; (p = outbox.poll()) != null;) {
            h.send(p);
        }
        ch.flush();
    }

    @Override
    public boolean publishesFromCallbacks() {
        return true;
    }

    @Override
    public List<Integer> subscribe(List<String> filters, int qos) throws UpstreamException {
        Channel ch = channel;
        NettyUpstreamHandler h = handler;
        if (ch == null || h == null || !isConnected()) {
            throw new UpstreamException("not connected");
        }
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        ch.eventLoop().execute(() -> h.subscribe(filters, qos, done));
        try {
            return done.get(settings.connectTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new UpstreamException("no SUBACK within " + settings.connectTimeoutSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UpstreamException u ? u : new UpstreamException("subscribe failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted");
        }
    }

    /** @return the publishes sent and not yet acknowledged (read on the event loop; for tests) */
    int inflightForTest() throws Exception {
        NettyUpstreamHandler h = handler;
        return h == null ? 0 : channel.eventLoop().submit(h::inflight).get();
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return !closed && ch != null && ch.isActive() && connack.isDone() && !connack.isCompletedExceptionally();
    }

    @Override
    public void close() {
        closed = true;
        connack.completeExceptionally(new UpstreamException("stopped"));
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        if (ch != null && !ch.eventLoop().inEventLoop()) {
            // Returns with the connection's callbacks done (lost publishes failed, the loss reported).
            ch.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
