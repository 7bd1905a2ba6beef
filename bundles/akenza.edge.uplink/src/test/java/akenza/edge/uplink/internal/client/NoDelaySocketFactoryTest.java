// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Upstream sockets, plain and TLS, have Nagle's algorithm off (Paho writes one small PUBLISH at a time). */
class NoDelaySocketFactoryTest {

    @Test
    void plainSocketsHaveNoDelay() throws Exception {
        try (Socket unconnected = NoDelaySocketFactory.INSTANCE.createSocket()) {
            assertTrue(unconnected.getTcpNoDelay());
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = NoDelaySocketFactory.INSTANCE.createSocket(InetAddress.getLoopbackAddress(),
                        server.getLocalPort())) {
            assertTrue(connected.getTcpNoDelay());
        }
    }

    @Test
    void tlsSocketsHaveNoDelay() throws Exception {
        try (Socket unconnected = TlsSocketFactory.create("").createSocket()) {
            assertTrue(unconnected.getTcpNoDelay());
        }
    }
}
