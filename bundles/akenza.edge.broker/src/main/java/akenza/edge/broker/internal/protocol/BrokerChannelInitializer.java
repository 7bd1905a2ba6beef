// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;

/** Builds each accepted connection's pipeline: optional TLS, the MQTT codec, the connection state machine. */
public final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** MQTT 3.1 allows client ids of 1 to 23 characters; the codec enforces this only for level 3. */
    private static final int MQTT31_MAX_CLIENT_ID = 23;

    private final BrokerCore core;
    private final SslContext sslContext;
    private final ChannelGroup channels;

    /**
     * @param core the shared broker state
     * @param sslContext the TLS context, or {@code null} for plain TCP
     * @param channels where open connections are tracked (closed together on stop)
     */
    public BrokerChannelInitializer(BrokerCore core, SslContext sslContext, ChannelGroup channels) {
        this.core = core;
        this.sslContext = sslContext;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        configure(ch.pipeline(), core, sslContext);
        if (sslContext != null) {
            ch.pipeline().addFirst("ssl", sslContext.newHandler(ch.alloc()));
        }
    }

    /**
     * Adds the MQTT handlers; shared with the {@code EmbeddedChannel} tests.
     *
     * @param pipeline the pipeline
     * @param core the shared broker state
     * @param sslContext non-null when the connection is TLS-protected (only recorded here)
     */
    public static void configure(ChannelPipeline pipeline, BrokerCore core, SslContext sslContext) {
        pipeline.addLast("connect-first", new ConnectFirstGuard(core));
        pipeline.addLast("decoder", new MqttDecoder(core.settings().maxPacketSize(), MQTT31_MAX_CLIENT_ID));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt", new MqttConnection(core, sslContext != null));
    }
}
