// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.testing.AkenzaUpstream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations of the forwarder, as DS hands them to it: property maps. */
final class Configs {

    private Configs() {
    }

    static Map<String, Object> of(Map<String, ?> properties) {
        return new HashMap<>(properties);
    }

    /** The properties of a forwarder connected to a test upstream, without TLS. */
    static Map<String, Object> upstream(int port, Path bufferDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("host", "127.0.0.1");
        p.put("port", port);
        p.put("tls", false);
        p.put("connector.id", AkenzaUpstream.CONNECTOR_ID);
        p.put("connector.secret", AkenzaUpstream.SECRET);
        p.put("client.id", "edge-test-" + System.nanoTime());
        p.put("buffer.dir", bufferDir.toString());
        p.put("buffer.fsync", false);
        p.put("reconnect.min", 1);
        p.put("reconnect.max", 2);
        p.put("status.interval", 0);
        return p;
    }
}
