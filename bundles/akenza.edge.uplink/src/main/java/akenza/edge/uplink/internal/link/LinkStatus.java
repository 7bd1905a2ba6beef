// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.link;

import java.time.Instant;

/**
 * The connection state, since when, and the last error; written by the sender thread, read by status.
 */
public final class LinkStatus {

    /**
     * One consistent view.
     *
     * @param state the state
     * @param since when it was entered
     * @param detail why idle, or what is being waited for; may be empty
     * @param lastError the last secret-free error, or {@code null}
     * @param lastErrorAt when it happened, or {@code null}
     */
    public record Snapshot(LinkState state, Instant since, String detail, String lastError, Instant lastErrorAt) {
    }

    private volatile Snapshot current = new Snapshot(LinkState.IDLE, Instant.now(), "starting", null, null);

    /**
     * @param state the new state
     * @param detail why (secret-free)
     */
    public synchronized void set(LinkState state, String detail) {
        Snapshot c = current;
        Instant since = c.state() == state ? c.since() : Instant.now();
        current = new Snapshot(state, since, detail == null ? "" : detail, c.lastError(), c.lastErrorAt());
    }

    /** @param error a secret-free description */
    public synchronized void error(String error) {
        Snapshot c = current;
        current = new Snapshot(c.state(), c.since(), c.detail(), error, Instant.now());
    }

    /** @return the current view */
    public Snapshot get() {
        return current;
    }
}
