// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, usable inside and outside the framework (it references nothing else). */
final class Ports {

    private Ports() {
    }

    /** @return a port that was free on 127.0.0.1 a moment ago */
    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
