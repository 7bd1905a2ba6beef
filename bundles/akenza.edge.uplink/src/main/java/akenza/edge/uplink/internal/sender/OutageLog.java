// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.util.concurrent.TimeUnit;

/**
 * When a failed connection attempt is worth a WARN line: the first of an outage, a new reason, and then at most
 * one a minute with the number of attempts in between. Backoff retries an unreachable upstream every second at
 * first; a line each time filled the log (on a gateway's flash) and was a good part of each attempt's CPU.
 */
final class OutageLog {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private String lastReason;
    private long lastWarnAt;
    private int quiet;

    /**
     * @param reason why this attempt failed (secret-free)
     * @param nowNanos {@link System#nanoTime()}
     * @return -1 when this failure goes to DEBUG only; else the WARN is due, with the number of failures since the
     *         last one (0 for the first of an outage or a new reason)
     */
    int failed(String reason, long nowNanos) {
        if (reason.equals(lastReason) && nowNanos - lastWarnAt < INTERVAL_NANOS) {
            quiet++;
            return -1;
        }
        int since = reason.equals(lastReason) ? quiet : 0;
        lastReason = reason;
        lastWarnAt = nowNanos;
        quiet = 0;
        return since;
    }

    /** The upstream answered: the next failure starts a new outage. */
    void connected() {
        lastReason = null;
        quiet = 0;
    }
}
