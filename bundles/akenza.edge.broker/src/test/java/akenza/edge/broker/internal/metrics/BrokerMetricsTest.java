// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Counter handles count into the same counters as names do, and a counter appears only once counted. */
class BrokerMetricsTest {

    @Test
    void aCounterHandleCountsIntoTheNamedCounterAndAppearsOnlyOnceCounted() {
        BrokerMetrics metrics = new BrokerMetrics();
        BrokerMetrics.Counter first = metrics.counter("uplinks.offered");
        BrokerMetrics.Counter second = metrics.counter("uplinks.offered");
        assertFalse(metrics.snapshot().containsKey("uplinks.offered"), "absent until counted");

        first.increment();
        second.increment();
        metrics.increment("uplinks.offered");
        assertEquals(3, metrics.get("uplinks.offered"));
        assertEquals(3L, metrics.snapshot().get("uplinks.offered"));
    }
}
