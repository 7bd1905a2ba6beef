// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for the upstream with Nagle's algorithm off. Paho writes one small PUBLISH at a time and
 * never sets {@code TCP_NODELAY}; with Nagle on, each write waits for the acknowledgement of the segment
 * before it, so the drain crawls at one segment per round trip.
 */
public final class NoDelaySocketFactory extends SocketFactory {

    /** The one instance; stateless. */
    public static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory(SocketFactory.getDefault());

    private final SocketFactory delegate;

    private NoDelaySocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * @param socket a new socket
     * @return the same socket with {@code TCP_NODELAY} on
     * @throws IOException when the option cannot be set
     */
    static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
}
