// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.status;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder's counters. Drops are also logged, at most once per reason every ten seconds, with the
 * number dropped since the last line, so an outage cannot flood the log.
 */
public final class ForwarderStats {

    private static final Logger LOG = LoggerFactory.getLogger(ForwarderStats.class);
    private static final long DROP_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final long dropLogIntervalNanos;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder downlinksRelayed = new LongAdder();
    private final LongAdder downlinksUndeliverable = new LongAdder();
    private final LongAdder ackTimeouts = new LongAdder();
    private final LongAdder propertiesNotForwarded = new LongAdder();
    private final LongAdder qos0Discarded = new LongAdder();
    private final LongAdder storageRefused = new LongAdder();
    private final LongAdder busyRefused = new LongAdder();
    private final LongAdder commitsPaced = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<DropReason, AtomicLong> unloggedDrops = new EnumMap<>(DropReason.class);
    private final Map<DropReason, AtomicLong> lastDropLog = new EnumMap<>(DropReason.class);

    /** Creates zeroed counters. */
    public ForwarderStats() {
        this(DROP_LOG_INTERVAL_NANOS);
    }

    /** @param dropLogIntervalNanos the shortest time between two drop summaries of one reason (tests) */
    ForwarderStats(long dropLogIntervalNanos) {
        this.dropLogIntervalNanos = dropLogIntervalNanos;
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
            unloggedDrops.put(r, new AtomicLong());
            lastDropLog.put(r, new AtomicLong(System.nanoTime() - dropLogIntervalNanos));
        }
    }

    /**
     * Counts dropped uplinks and logs them, rate-limited.
     *
     * @param reason why
     * @param count how many
     */
    public void dropped(DropReason reason, int count) {
        if (count <= 0) {
            return;
        }
        dropped.get(reason).add(count);
        unloggedDrops.get(reason).addAndGet(count);
        logDropsIfDue(reason);
    }

    /** @return whether drops wait for their summary in the log ({@link #flushDropSummaries()}) */
    public boolean hasUnloggedDrops() {
        for (DropReason r : DropReason.values()) {
            if (unloggedDrops.get(r).get() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs the drops not yet logged whose interval has passed, even when no further drop comes; called about
     * once a second so a summary is never later than its interval.
     */
    public void flushDropSummaries() {
        for (DropReason r : DropReason.values()) {
            if (unloggedDrops.get(r).get() > 0) {
                logDropsIfDue(r);
            }
        }
    }

    private void logDropsIfDue(DropReason reason) {
        AtomicLong last = lastDropLog.get(reason);
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= dropLogIntervalNanos && last.compareAndSet(previous, now)) {
            long n = unloggedDrops.get(reason).getAndSet(0);
            if (n > 0) {
                LOG.warn("Dropped {} uplink(s): {} (total {}; further drops are summarised every 10 s)", n,
                        reason.key(), dropped.get(reason).sum());
            }
        }
    }

    /** @param reason a reason @return how many were dropped for it */
    public long droppedCount(DropReason reason) {
        return dropped.get(reason).sum();
    }

    /** @return all drops */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Counts uplinks committed to the buffer: once per commit, not per uplink (a counter shared with other
     * threads' counters is a contended cache line per call).
     *
     * @param count how many the commit took
     */
    public void accepted(int count) {
        accepted.add(count);
    }

    /** Counts an uplink acknowledged by the upstream. */
    public void forwarded() {
        forwarded.increment();
    }

    /** Counts a reconnect (every connection attempt after the first). */
    public void reconnect() {
        reconnects.increment();
    }

    /** Counts a downlink handed to the local broker. */
    public void downlinkRelayed() {
        downlinksRelayed.increment();
    }

    /** Counts a downlink that could not be handed on (no local broker, unmappable topic). */
    public void downlinkUndeliverable() {
        downlinksUndeliverable.increment();
    }

    /** Counts an inflight message the upstream did not acknowledge in time. */
    public void ackTimeout() {
        ackTimeouts.increment();
    }

    /** Counts an uplink whose MQTT 5 properties could not travel (MQTT 3.1.1 upstream). */
    public void propertiesNotForwarded() {
        propertiesNotForwarded.increment();
    }

    /** Counts a QoS 0 uplink dropped because the upstream was down and {@code buffer.qos0=false}. */
    public void qos0Discarded() {
        qos0Discarded.increment();
    }

    /** Counts an uplink refused because the buffer could not write (full or failing disk). */
    public void storageRefused() {
        storageRefused.increment();
    }

    /** @param count uplinks refused at once because their group commit failed */
    public void storageRefused(int count) {
        storageRefused.add(count);
    }

    /** Counts an uplink refused because the writer's queue was full (more offers pending than it holds). */
    public void busyRefused() {
        busyRefused.increment();
    }

    /** Counts a commit of new uplinks that waited for the drain to catch up (the upstream connected, behind). */
    public void commitPaced() {
        commitsPaced.increment();
    }

    /** @return commits that waited for the drain */
    public long commitsPacedCount() {
        return commitsPaced.sum();
    }

    /** @return uplinks refused because the writer's queue was full */
    public long busyRefusedCount() {
        return busyRefused.sum();
    }

    /** @return forwarded uplinks */
    public long forwardedCount() {
        return forwarded.sum();
    }

    /** @return reconnects */
    public long reconnectCount() {
        return reconnects.sum();
    }

    /** @return downlinks relayed */
    public long downlinksRelayedCount() {
        return downlinksRelayed.sum();
    }

    /** @return downlinks that could not be delivered */
    public long downlinksUndeliverableCount() {
        return downlinksUndeliverable.sum();
    }

    /**
     * @param into the counter map of a status snapshot
     */
    public void putCounters(Map<String, Long> into) {
        into.put("uplinks.accepted", accepted.sum());
        into.put("uplinks.forwarded", forwarded.sum());
        into.put("upstream.reconnects", reconnects.sum());
        into.put("upstream.ack.timeouts", ackTimeouts.sum());
        into.put("downlinks.relayed", downlinksRelayed.sum());
        into.put("downlinks.undeliverable", downlinksUndeliverable.sum());
        into.put("uplinks.properties.not.forwarded", propertiesNotForwarded.sum());
        into.put("uplinks.qos0.discarded", qos0Discarded.sum());
        into.put("uplinks.refused.storage", storageRefused.sum());
        into.put("uplinks.refused.busy", busyRefused.sum());
        into.put("buffer.commits.paced", commitsPaced.sum());
        into.put("dropped.total", droppedTotal());
        for (DropReason r : DropReason.values()) {
            into.put("dropped." + r.key(), dropped.get(r).sum());
        }
    }
}
