// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One bound (or failed) listener.
 *
 * @param name "tcp" or "tls"
 * @param channel the server channel, {@code null} when binding failed or the listener is off
 * @param error why binding failed, {@code null} otherwise
 */
record Listener(String name, Channel channel, String error) {

    /** @return the bound port, -1 when not bound */
    int port() {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** @return a one-line description for status details */
    String describe() {
        if (channel != null) {
            return "listening on " + channel.localAddress();
        }
        return error == null ? "off" : "failed: " + error;
    }

    void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}
