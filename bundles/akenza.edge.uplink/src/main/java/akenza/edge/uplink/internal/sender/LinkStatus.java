// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.time.Instant;
import java.util.function.BiConsumer;

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
    private volatile BiConsumer<LinkState, LinkState> transitions = (from, to) -> {
    };

    /**
     * @param state the new state
     * @param detail why (secret-free)
     */
    public void set(LinkState state, String detail) {
        LinkState previous;
        synchronized (this) {
            Snapshot c = current;
            previous = c.state();
            Instant since = previous == state ? c.since() : Instant.now();
            current = new Snapshot(state, since, detail == null ? "" : detail, c.lastError(), c.lastErrorAt());
        }
        if (previous != state) {
            // Outside the lock: the listener calls application code.
            transitions.accept(previous, state);
        }
    }

    /** @param listener told (from, to) on every state change, on the thread that changed it */
    public void onTransition(BiConsumer<LinkState, LinkState> listener) {
        transitions = listener;
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
