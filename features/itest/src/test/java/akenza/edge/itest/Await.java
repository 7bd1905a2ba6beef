// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition with a deadline, Awaitility-style, for code running inside the framework.
 *
 * <p>Awaitility itself cannot be used in the probe bundle: its {@code org.awaitility} package uses
 * Hamcrest 2, while Pax Exam's JUnit bundle uses Hamcrest 1.3, so a probe importing both violates an OSGi
 * uses constraint.
 */
final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Await() {
    }

    /**
     * Polls the condition until it holds or the timeout passes.
     *
     * @param what what is awaited, for the failure message
     * @param timeout the longest wait
     * @param condition polled every 100 ms; an exception counts as "not yet"
     * @throws AssertionError when the condition did not hold in time, with the last exception as cause
     */
    static void until(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (last == null ? "" : " (last failure: " + last + ")"), last);
            }
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
        }
    }
}
