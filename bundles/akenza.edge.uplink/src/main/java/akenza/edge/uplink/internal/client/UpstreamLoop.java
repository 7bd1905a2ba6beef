// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one event-loop thread the Netty upstream clients of a forwarder share, connection after connection:
 * started with the first, stopped with the forwarder. A new thread and selector per attempt cost tens of
 * milliseconds of CPU each, every backoff step of an unreachable upstream; between connections the thread
 * sleeps in its selector without a timer.
 */
public final class UpstreamLoop implements AutoCloseable {

    private EventLoopGroup group;
    private boolean closed;

    /** @return the shared loop, started now when needed */
    synchronized EventLoopGroup group() {
        if (closed) {
            throw new IllegalStateException("the forwarder is stopped");
        }
        if (group == null) {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("akenza-uplink-netty", true));
        }
        return group;
    }

    /** Stops the thread (connections still open are closed with it); waits up to 2 s. */
    @Override
    public void close() {
        EventLoopGroup g;
        synchronized (this) {
            closed = true;
            g = group;
            group = null;
        }
        if (g != null) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (!g.next().inEventLoop()) {
                g.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
    }
}
