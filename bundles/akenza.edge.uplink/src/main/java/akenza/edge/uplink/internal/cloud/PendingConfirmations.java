// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.cloud;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who wants to hear that akenza acknowledged which buffered uplink, by buffer sequence number. Bounded: beyond
 * {@code capacity} the oldest are forgotten (their uplinks are still delivered, only unconfirmed); entries of
 * uplinks that were dropped instead of acknowledged age out the same way.
 */
public final class PendingConfirmations {

    private static final Logger LOG = LoggerFactory.getLogger(PendingConfirmations.class);

    private final int capacity;
    private final Map<Long, Runnable> pending = new LinkedHashMap<>();
    /** The map's size, readable without the lock: most uplinks have no confirmation waiting (no lock, no box). */
    private volatile int waiting;
    private long forgotten;

    /** @param capacity how many confirmations may wait at once */
    public PendingConfirmations(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /**
     * @param seq the buffer sequence number of an uplink just appended
     * @param onAcknowledged what to run when akenza acknowledged it
     */
    public synchronized void track(long seq, Runnable onAcknowledged) {
        pending.put(seq, onAcknowledged);
        Iterator<Long> it = pending.keySet().iterator();
        while (pending.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
            forgotten++;
        }
        waiting = pending.size();
    }

    /** @param seq the sequence number of an uplink akenza acknowledged; runs its confirmation, if any */
    public void acknowledged(long seq) {
        if (waiting == 0) {
            return;
        }
        Runnable r;
        synchronized (this) {
            r = pending.remove(seq);
            waiting = pending.size();
        }
        if (r == null) {
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A delivery confirmation failed: {}", e.toString());
        }
    }

    /** Forgets everything (the buffer was closed; its sequence numbers mean nothing any more). */
    public synchronized void clear() {
        pending.clear();
        waiting = 0;
    }

    /** @return how many confirmations wait */
    public synchronized int size() {
        return pending.size();
    }

    /** @return how many confirmations were forgotten because too many waited */
    public synchronized long forgotten() {
        return forgotten;
    }
}
