// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls application listeners so that one failing listener cannot stop the others. */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    static void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A Kura cloud listener failed: {}", e.toString());
        }
    }
}
