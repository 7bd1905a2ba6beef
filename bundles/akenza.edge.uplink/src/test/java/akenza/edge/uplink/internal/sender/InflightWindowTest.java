// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inflight ring: removal in any order, the oldest unsettled send time, growth past its first size. */
class InflightWindowTest {

    @Test
    void keepsTheOldestUnsettledInAnyOrderOfAcknowledgementsAndGrows() {
        InflightWindow w = new InflightWindow();
        assertFalse(InflightWindow.any(w.oldestSentAt()));
        for (int i = 0; i < 100; i++) {
            w.add(1000 + i * 2L, 5000 + i);
        }
        assertEquals(100, w.size());
        assertEquals(5000, w.oldestSentAt());
        assertTrue(w.remove(1002));
        assertFalse(w.remove(1002), "settled once");
        assertFalse(w.remove(1001), "never sent");
        assertEquals(5000, w.oldestSentAt(), "the oldest is still unsettled");
        assertTrue(w.remove(1000));
        assertEquals(5002, w.oldestSentAt(), "the head skips what was settled out of order");
        for (int i = 2; i < 100; i++) {
            assertTrue(w.remove(1000 + i * 2L));
        }
        assertEquals(0, w.size());
        assertFalse(InflightWindow.any(w.oldestSentAt()));
        w.add(5, 1);
        w.add(7, 2);
        assertEquals(Set.of(5L, 7L), w.seqs());
    }
}
