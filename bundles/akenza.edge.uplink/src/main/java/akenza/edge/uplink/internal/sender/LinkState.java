// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.util.Locale;


/** The upstream connection's state, as shown in the status. */
public enum LinkState {
    /** Not trying to connect (no connector configured, disabled, or no topic policy yet). */
    IDLE,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected and forwarding. */
    CONNECTED,
    /** Waiting before the next attempt. */
    BACKOFF;

    /** @return the lower-case name used in the status */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
