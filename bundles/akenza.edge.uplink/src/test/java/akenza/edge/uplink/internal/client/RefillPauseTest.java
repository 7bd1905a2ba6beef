// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the upstream client holds a refill back for a moment: only to gather a window split into pieces. */
class RefillPauseTest {

    private static final long PAUSE = TimeUnit.MICROSECONDS.toNanos(100);

    @Test
    void aFewAcknowledgementsWithABacklogWaitingPause() {
        assertTrue(NettyUpstreamHandler.pausesBeforeRefill(3, 20, 20, PAUSE));
    }

    @Test
    void withoutABacklogTheRefillLeavesAtOnce() {
        // The window did not fill again: everything there was went out; waiting would only delay it.
        assertFalse(NettyUpstreamHandler.pausesBeforeRefill(3, 17, 20, PAUSE));
        assertFalse(NettyUpstreamHandler.pausesBeforeRefill(1, 0, 20, PAUSE));
    }

    @Test
    void halfAWindowOrMoreLeavesAtOnce() {
        assertFalse(NettyUpstreamHandler.pausesBeforeRefill(10, 20, 20, PAUSE));
    }

    @Test
    void aReadWithoutAcknowledgementsOrAPauseOfZeroNeverPauses() {
        assertFalse(NettyUpstreamHandler.pausesBeforeRefill(0, 20, 20, PAUSE), "a downlink or a PINGRESP");
        assertFalse(NettyUpstreamHandler.pausesBeforeRefill(3, 20, 20, 0), "switched off");
    }

    @Test
    void theDefaultPauseIsShort() {
        assertTrue(NettyUpstreamHandler.PAUSE_NANOS <= TimeUnit.MILLISECONDS.toNanos(1));
    }
}
