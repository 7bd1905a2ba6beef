// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The group commit's wait: a large group that stops growing commits at once, a small one waits the interval. */
class CollectWaitTest {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void aSmallGroupWaitsOutTheCommitInterval() {
        assertEquals(INTERVAL, BufferWriter.collectWaitNanos(1, INTERVAL));
        assertEquals(INTERVAL, BufferWriter.collectWaitNanos(BufferWriter.EARLY_GROUP - 1, INTERVAL));
    }

    @Test
    void aLargeGroupWaitsOnlyForAPauseInOffers() {
        assertEquals(BufferWriter.QUIET_NANOS, BufferWriter.collectWaitNanos(BufferWriter.EARLY_GROUP, INTERVAL));
        assertEquals(BufferWriter.QUIET_NANOS, BufferWriter.collectWaitNanos(320, INTERVAL));
    }

    @Test
    void neverWaitsPastTheInterval() {
        assertEquals(10, BufferWriter.collectWaitNanos(320, 10));
        assertEquals(10, BufferWriter.collectWaitNanos(1, 10));
    }
}
