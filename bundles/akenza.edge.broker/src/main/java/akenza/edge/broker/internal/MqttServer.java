// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.api.log.LogText;
import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.protocol.BrokerChannelInitializer;
import akenza.edge.broker.internal.protocol.BrokerCore;
import akenza.edge.broker.internal.protocol.MqttConnection;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.routing.Topics;
import akenza.edge.broker.internal.tls.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker, usable without OSGi: {@link #start()} binds the TCP and TLS listeners, {@link #stop()}
 * closes everything, {@link #update(BrokerSettings)} applies new settings (rebinding only listeners whose
 * address changed). Also the {@link LocalDelivery} and {@link StatusReporter} of the broker.
 *
 * <pre>{@code
 * MqttServer server = new MqttServer(BrokerSettings.defaults().withPorts(0, 0), new BrokerServices());
 * server.start();
 * int port = server.tcpPort();
 * }</pre>
 */
public final class MqttServer implements LocalDelivery, StatusReporter {

    /** The status component name: the component's PID. */
    private static final String PID = MqttBrokerComponent.PID;

    private static final Logger LOG = LoggerFactory.getLogger(MqttServer.class);
    private static final long BIND_TIMEOUT_SECONDS = 10;
    /**
     * Half the cores (at least one): per uplink the forwarder's upstream loop and the buffer writer do about as much
     * work as the broker's loops, on threads of their own. On a 2-core machine one loop instead of two took the
     * broker's CPU per 100,000 uplinks from 350-420 to 260-280 ms end to end (fewer wake-ups and context switches,
     * a message routed between two clients without a hand-over between loops). The system property
     * {@code akenza.edge.broker.io.threads} overrides it (values below 1 count as 1).
     */
    private static final int IO_THREADS = Math.max(1, Integer.getInteger("akenza.edge.broker.io.threads",
            Runtime.getRuntime().availableProcessors() / 2));

    private final BrokerServices services;
    private final Function<BrokerSettings, SslContext> tlsContexts;
    private BrokerSettings settings;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ChannelGroup channels;
    private volatile BrokerCore core;
    private volatile Listener tcp = new Listener("tcp", null, null);
    private volatile Listener tls = new Listener("tls", null, null);

    /**
     * A server whose TLS listener uses the configured PEM files or the self-signed certificate under the home
     * directory.
     *
     * @param settings the settings
     * @param services the optional services (may change at any time)
     */
    public MqttServer(BrokerSettings settings, BrokerServices services) {
        this(settings, services, TlsContexts::serverContext);
    }

    /**
     * @param settings the settings
     * @param services the optional services (may change at any time)
     * @param tlsContexts builds the TLS listener's context from the settings (may throw; then TLS is down)
     */
    public MqttServer(BrokerSettings settings, BrokerServices services,
            Function<BrokerSettings, SslContext> tlsContexts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.services = Objects.requireNonNull(services, "services");
        this.tlsContexts = Objects.requireNonNull(tlsContexts, "tlsContexts");
    }

    /** Starts the event loops and binds the enabled listeners; a failed bind is logged and reported in status. */
    public synchronized void start() {
        if (core != null) {
            return;
        }
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("akenza-mqtt-accept", true));
        // Half a thread per core, not Netty's two: on a gateway's few cores more threads only add wake-ups and
        // context switches between connections that hand messages to each other (issue 13).
        workers = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("akenza-mqtt-io", true));
        channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        core = new BrokerCore(settings, services, workers);
        services.onRevocation(core::credentialsRevoked);
        tcp = bindTcp(settings);
        tls = bindTls(settings);
    }

    /** Closes the listeners and every connection, and stops the event loops. */
    public synchronized void stop() {
        if (core == null) {
            return;
        }
        services.onRevocation(null);
        tcp.close();
        tls.close();
        channels.forEach(ch -> {
            MqttConnection connection = ch.pipeline().get(MqttConnection.class);
            if (connection != null) {
                connection.shutdown();
            }
        });
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        tcp = new Listener("tcp", null, null);
        tls = new Listener("tls", null, null);
        core = null;
    }

    /**
     * Applies new settings. Connections stay up; a listener whose port, address, switch or TLS material
     * changed is rebound.
     *
     * @param newSettings the settings
     */
    public synchronized void update(BrokerSettings newSettings) {
        BrokerSettings old = settings;
        settings = newSettings;
        if (core == null) {
            return;
        }
        core.settings(newSettings);
        if (old.tcpEnabled() != newSettings.tcpEnabled() || old.tcpPort() != newSettings.tcpPort()
                || !old.bindAddress().equals(newSettings.bindAddress()) || tcp.channel() == null) {
            tcp.close();
            tcp = bindTcp(newSettings);
        }
        if (old.tlsEnabled() != newSettings.tlsEnabled() || old.tlsPort() != newSettings.tlsPort()
                || !old.bindAddress().equals(newSettings.bindAddress())
                || !Objects.equals(old.tlsCertPath(), newSettings.tlsCertPath())
                || !Objects.equals(old.tlsKeyPath(), newSettings.tlsKeyPath())
                || !old.home().equals(newSettings.home()) || tls.channel() == null) {
            tls.close();
            tls = bindTls(newSettings);
        }
    }

    /** Rebinds the TLS listener with freshly built TLS material (the keystore entry changed); connections stay. */
    public synchronized void reloadTls() {
        if (core == null) {
            return;
        }
        tls.close();
        tls = bindTls(settings);
    }

    private Listener bindTcp(BrokerSettings s) {
        if (!s.tcpEnabled()) {
            return new Listener("tcp", null, null);
        }
        return bind("tcp", s, s.tcpPort(), null);
    }

    private Listener bindTls(BrokerSettings s) {
        if (!s.tlsEnabled()) {
            return new Listener("tls", null, null);
        }
        SslContext context;
        try {
            context = tlsContexts.apply(s);
        } catch (RuntimeException e) {
            LOG.error("MQTT TLS listener not started: {}", e.getMessage());
            return new Listener("tls", null, "TLS setup failed: " + e.getMessage());
        }
        return bind("tls", s, s.tlsPort(), context);
    }

    private Listener bind(String name, BrokerSettings s, int port, SslContext sslContext) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128).option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new BrokerChannelInitializer(core, sslContext, channels));
        ChannelFuture future = bootstrap.bind(s.bindAddress(), port);
        if (!future.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !future.isSuccess()) {
            String why = future.cause() == null ? "bind timed out" : future.cause().getMessage();
            LOG.error("MQTT {} listener could not bind {}:{}: {}", name, s.bindAddress(), port, why);
            future.channel().close();
            return new Listener(name, null, why);
        }
        LOG.info("MQTT {} listener on {}", name, future.channel().localAddress());
        return new Listener(name, future.channel(), null);
    }

    /** @return the bound TCP port, -1 when the TCP listener is not listening */
    public int tcpPort() {
        return tcp.port();
    }

    /** @return the bound TLS port, -1 when the TLS listener is not listening */
    public int tlsPort() {
        return tls.port();
    }

    /** @return the broker core while running (tests use it), otherwise {@code null} */
    public BrokerCore core() {
        return core;
    }

    @Override
    public int deliver(LocalMessage message) {
        BrokerCore current = core;
        if (!Topics.isValidName(message.topic(), Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("not a valid topic name: " + LogText.of(message.topic()));
        }
        if (current == null) {
            return 0;
        }
        Message m = new Message(message.topic(), message.payload(), message.qos(), message.retain(),
                message.properties(), null, System.nanoTime());
        return current.deliverFromCloud(m);
    }

    /** @return the most bytes any one connection has written but the network not yet taken (read back-pressure) */
    private long maxPendingOutbound() {
        ChannelGroup group = channels;
        long max = 0;
        if (group != null) {
            for (Channel ch : group) {
                ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
                if (buffer != null) {
                    max = Math.max(max, buffer.totalPendingWriteBytes());
                }
            }
        }
        return max;
    }

    @Override
    public ComponentStatus status() {
        BrokerCore current = core;
        Map<String, Long> counters = new HashMap<>();
        Map<String, String> details = new HashMap<>();
        details.put("listener.tcp", tcp.describe());
        details.put("listener.tls", tls.describe());
        if (current == null) {
            return new ComponentStatus(PID, Health.DOWN, "broker stopped", counters, details, null);
        }
        current.putStatus(counters);
        counters.put("connections.outbound.pending.bytes.max", maxPendingOutbound());
        counters.putIfAbsent("connections.current", 0L);
        BrokerSettings s = current.settings();
        boolean tcpDown = s.tcpEnabled() && tcp.channel() == null;
        boolean tlsDown = s.tlsEnabled() && tls.channel() == null;
        Health health;
        if (!s.tcpEnabled() && !s.tlsEnabled()) {
            health = Health.IDLE;
        } else if ((tcpDown || !s.tcpEnabled()) && (tlsDown || !s.tlsEnabled())) {
            health = Health.DOWN;
        } else if (tcpDown || tlsDown) {
            health = Health.DEGRADED;
        } else {
            health = Health.OK;
        }
        if (!current.aclValid()) {
            health = health == Health.OK ? Health.DEGRADED : health;
            details.put("acl", "invalid: local clients are denied");
        }
        String summary = "tcp " + (tcp.channel() == null ? tcp.describe() : ":" + tcp.port()) + ", tls "
                + (tls.channel() == null ? tls.describe() : ":" + tls.port()) + ", "
                + counters.get("connections.current") + " clients";
        return new ComponentStatus(PID, health, summary, counters, details, null);
    }
}
