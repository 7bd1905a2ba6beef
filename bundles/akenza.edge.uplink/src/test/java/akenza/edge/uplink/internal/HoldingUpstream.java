// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MQTT 5 server on Netty's codec that announces a receive maximum and holds every QoS 1 PUBLISH
 * unacknowledged until the test releases them; it counts what it holds, so a test sees the client's
 * pipelining from the server's side. It can also end the connection with a DISCONNECT reason code or drop it.
 */
final class HoldingUpstream implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final int receiveMaximum;
    /** Unacknowledged now; the most ever; every PUBLISH seen; connections accepted; PINGREQs answered. */
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger maxHeld = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    private final List<Integer> heldIds = new ArrayList<>();
    private volatile Channel client;

    HoldingUpstream(int receiveMaximum) throws InterruptedException {
        this.receiveMaximum = receiveMaximum;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Handler());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Acknowledges everything held now. */
    void release() {
        Channel ch = client;
        ch.eventLoop().execute(() -> {
            for (int id : heldIds) {
                ch.write(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE,
                        false, 0), new MqttPubReplyMessageVariableHeader(id, (byte) 0, MqttProperties.NO_PROPERTIES)));
            }
            held.addAndGet(-heldIds.size());
            heldIds.clear();
            ch.flush();
        });
    }

    /** @param reasonCode ends the connection with a DISCONNECT carrying this reason code */
    void disconnect(int reasonCode) {
        Channel ch = client;
        ch.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false,
                MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, MqttProperties.NO_PROPERTIES)))
                .addListener(f -> ch.close());
    }

    /** Drops the connection without a word. */
    void drop() {
        client.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            switch (msg.fixedHeader().messageType()) {
                case CONNECT -> {
                    client = ctx.channel();
                    heldIds.clear();
                    held.set(0);
                    connects.incrementAndGet();
                    MqttProperties props = new MqttProperties();
                    props.add(new MqttProperties.IntegerProperty(
                            MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
                    ctx.writeAndFlush(new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false,
                            MqttQoS.AT_MOST_ONCE, false, 0), new MqttConnAckVariableHeader(
                            MqttConnectReturnCode.CONNECTION_ACCEPTED, false, props)));
                }
                case PUBLISH -> {
                    received.incrementAndGet();
                    heldIds.add(((MqttPublishMessage) msg).variableHeader().packetId());
                    int now = held.incrementAndGet();
                    maxHeld.accumulateAndGet(now, Math::max);
                }
                case PINGREQ -> {
                    pings.incrementAndGet();
                    ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                            MqttQoS.AT_MOST_ONCE, false, 0)));
                }
                default -> {
                }
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
