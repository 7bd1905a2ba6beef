// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.config.BrokerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BrokerCore} driven through Netty {@code EmbeddedChannel}s, Moquette style: each {@link Conn} pairs a
 * broker-side channel with a client-side codec channel, so tests speak {@link MqttMessage}s or raw bytes.
 */
final class EmbeddedBroker implements AutoCloseable {

    final DefaultEventLoopGroup timers = new DefaultEventLoopGroup(1);
    final BrokerCore core;
    private final List<Conn> conns = new ArrayList<>();

    EmbeddedBroker(BrokerSettings settings, BrokerServices services) {
        core = new BrokerCore(settings, services, timers);
    }

    Conn open() {
        Conn c = new Conn(new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                BrokerChannelInitializer.configure(ch.pipeline(), core, null);
            }
        }));
        conns.add(c);
        return c;
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            c.close();
        }
        timers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    /** One client connection. */
    static final class Conn {
        final EmbeddedChannel broker;
        final EmbeddedChannel codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder());

        Conn(EmbeddedChannel broker) {
            this.broker = broker;
        }

        /** Encodes a packet with the client codec and feeds it to the broker. */
        Conn send(MqttMessage message) {
            codec.writeOutbound(message);
            ByteBuf b;
            while ((b = codec.readOutbound()) != null) {
                if (broker.isOpen()) {
                    broker.writeInbound(b);
                } else {
                    b.release();
                }
            }
            broker.runPendingTasks();
            return this;
        }

        /** Feeds raw bytes to the broker. */
        Conn sendBytes(byte[] bytes) {
            broker.writeInbound(Unpooled.wrappedBuffer(bytes));
            broker.runPendingTasks();
            return this;
        }

        /** @return the next packet the broker sent, or {@code null}; the caller releases it */
        MqttMessage receive() {
            broker.runPendingTasks();
            Object out;
            while ((out = broker.readOutbound()) != null) {
                codec.writeInbound(out);
            }
            return codec.readInbound();
        }

        /** @return every packet the broker sent so far; the caller releases them */
        List<MqttMessage> receiveAll() {
            List<MqttMessage> all = new ArrayList<>();
            MqttMessage m;
            while ((m = receive()) != null) {
                all.add(m);
            }
            return all;
        }

        boolean isOpen() {
            broker.runPendingTasks();
            return broker.isOpen();
        }

        void close() {
            for (MqttMessage m : receiveAll()) {
                ReferenceCountUtil.release(m);
            }
            broker.finishAndReleaseAll();
            codec.finishAndReleaseAll();
        }
    }
}
