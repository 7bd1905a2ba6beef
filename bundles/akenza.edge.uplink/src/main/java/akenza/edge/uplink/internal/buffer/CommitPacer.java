// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.uplink.internal.status.ForwarderStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds the buffer writer's next commit of new uplinks back while the upstream is connected and more than
 * {@link #BACKLOG} uplinks wait to be sent, until the drain brings that down (the acknowledgement that does so
 * wakes the writer), at most {@link #MAX_NANOS}; the offers that arrive meanwhile go into that commit and their
 * devices wait for their PUBACKs that much longer. Without it, devices that publish faster than the upstream
 * takes (a burst, or a machine whose CPU is all taken) were acknowledged far ahead of the drain, which then
 * competed with them for the CPU: end to end on 2 cores the backlog grew by thousands during a load and the 99th
 * percentile of the latency was several times a Mosquitto bridge's (issue 13). Offline, disabled or connecting,
 * nothing is held: the buffer takes everything at full speed, which is what it is for.
 */
final class CommitPacer {

    /** Enough to keep any inflight window full; at tens of thousands of uplinks a second, tens of milliseconds. */
    static final long BACKLOG = 2000;
    /** The longest a commit is held: a device is slowed, never stopped. */
    static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final UplinkBuffer buffer;
    private final BooleanSupplier upstreamConnected;
    private final ForwarderStats stats;
    private final long backlog;
    private final long maxNanos;
    /** The writer thread while it is held, else {@code null}: only then does an acknowledgement look further. */
    private volatile Thread held;

    CommitPacer(UplinkBuffer buffer, BooleanSupplier upstreamConnected, ForwarderStats stats, long backlog,
            long maxNanos) {
        this.buffer = buffer;
        this.upstreamConnected = upstreamConnected;
        this.stats = stats;
        this.backlog = backlog;
        this.maxNanos = maxNanos;
    }

    /**
     * On the writer thread, before a commit of new uplinks: returns at once unless the upstream is connected and
     * behind; then when the backlog is down to the bound, the longest wait passed, or {@code open} turns false.
     *
     * @param open whether the writer still accepts (its close unparks it)
     * @throws InterruptedException when the writer thread is interrupted
     */
    void pace(BooleanSupplier open) throws InterruptedException {
        if (buffer.count() <= backlog || !upstreamConnected.getAsBoolean()) {
            return;
        }
        stats.commitPaced();
        long deadline = System.nanoTime() + maxNanos;
        held = Thread.currentThread();
        try {
            long left;
            while (buffer.count() > backlog && open.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
        } finally {
            held = null;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** After the upstream acknowledged an uplink (any thread): wakes a held writer once the backlog is small enough. */
    void acknowledged() {
        Thread t = held;
        if (t != null && buffer.count() <= backlog) {
            LockSupport.unpark(t);
        }
    }
}
