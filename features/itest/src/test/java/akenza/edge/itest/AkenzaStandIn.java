// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import akenza.edge.testing.AkenzaUpstream;
import java.util.List;

/**
 * akenza's cloud broker for the in-framework tests: the shared stand-in ({@link AkenzaUpstream}, an embedded
 * HiveMQ CE enforcing akenza's uplink-secret rules for one connector plus an all-seeing observer account) on
 * 127.0.0.1, outside the OSGi framework. Started once per test JVM from a {@code @Configuration} method, which
 * Pax Exam's native container runs outside the framework; the framework side only learns the port through
 * system properties. Never load this class inside the framework (it needs HiveMQ's classes): use only its
 * constants there, which the compiler inlines, and {@link Ports} for free ports.
 */
final class AkenzaStandIn {

    static final String CONNECTOR_ID = AkenzaUpstream.CONNECTOR_ID;
    static final String SECRET = AkenzaUpstream.SECRET;
    static final String OBSERVER = AkenzaUpstream.OBSERVER;
    static final String OBSERVER_PASSWORD = AkenzaUpstream.OBSERVER_PASSWORD;

    private static AkenzaUpstream upstream;

    private AkenzaStandIn() {
    }

    /** @return the port of the (started once) stand-in */
    static synchronized int start() {
        if (upstream != null) {
            return upstream.port();
        }
        try {
            upstream = AkenzaUpstream.start(Features.workDirectory().resolve("hivemq"), List.of());
            return upstream.port();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the akenza stand-in", e);
        }
    }

    /** @return a free port; outside the framework only (use {@link Ports#free()} inside it) */
    static int freePort() {
        return Ports.free();
    }
}
