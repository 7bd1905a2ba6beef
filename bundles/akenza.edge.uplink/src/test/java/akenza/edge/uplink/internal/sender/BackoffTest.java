// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithJitterUpToTheMaximumAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long ceiling = 1000;
        for (int i = 0; i < 10; i++) {
            long d = b.next().toMillis();
            long c = Math.min(ceiling, 30_000);
            assertTrue(d >= Math.max(1000, c / 2) && d <= c,
                    "attempt " + i + ": " + d + " not in [" + c / 2 + "," + c + "]");
            ceiling *= 2;
        }
        b.reset();
        assertTrue(b.next().toMillis() <= 1000);
    }
}
