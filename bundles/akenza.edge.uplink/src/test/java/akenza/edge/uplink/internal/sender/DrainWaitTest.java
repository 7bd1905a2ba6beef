// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainWaitTest {

    private static final long MAX = UplinkSender.IDLE_DRAIN_WAIT_NANOS;

    @Test
    void anIdleSenderWithNothingInFlightWaitsTheFullInterval() {
        assertEquals(MAX, UplinkSender.drainWaitNanos(Long.MAX_VALUE));
    }

    @Test
    void anIdleSenderSleepsForSecondsNotAFewTimesASecond() {
        // Idle, everything the sender waits for wakes it; a short poll is a wake-up cost around the clock.
        assertTrue(UplinkSender.drainWaitNanos(Long.MAX_VALUE) >= TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aSenderWaitsJustPastTheOldestUplinksDeadline() {
        assertEquals(1_000_001, UplinkSender.drainWaitNanos(1_000_000));
    }

    @Test
    void anOverdueUplinkIsCheckedAtOnceWithoutANegativeWait() {
        assertEquals(1, UplinkSender.drainWaitNanos(-5_000_000));
    }

    @Test
    void aDeadlineBeyondTheIntervalIsCappedAtTheInterval() {
        assertEquals(MAX, UplinkSender.drainWaitNanos(MAX + 1));
    }
}
