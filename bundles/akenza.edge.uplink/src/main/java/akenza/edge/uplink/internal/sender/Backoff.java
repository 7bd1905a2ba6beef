// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with jitter: attempt n waits a random time between half and all of
 * {@code min * 2^n}, capped at {@code max}, so many gateways that lost the same upstream do not return in step.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int attempt;

    /**
     * @param min the first delay
     * @param max the longest delay
     */
    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(10, min.toMillis());
        this.maxMillis = Math.max(this.minMillis, max.toMillis());
    }

    /** @return the next delay; each call doubles the ceiling up to the maximum */
    public synchronized Duration next() {
        long ceiling = minMillis << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        } else {
            attempt++;
        }
        long floor = Math.max(minMillis, ceiling / 2);
        long delay = floor >= ceiling ? ceiling : ThreadLocalRandom.current().nextLong(floor, ceiling + 1);
        return Duration.ofMillis(delay);
    }

    /** Starts again at the minimum (after the upstream acknowledged something). */
    public synchronized void reset() {
        attempt = 0;
    }
}
