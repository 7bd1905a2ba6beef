// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.status;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 14: a drop summary is logged within its interval even when no further drop follows. */
class DropSummaryTest {

    @Test
    void dropsAfterTheFirstLineAreSummarisedWithoutAnotherDrop() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ForwarderStats stats = new ForwarderStats(TimeUnit.MILLISECONDS.toNanos(300));
            stats.dropped(DropReason.AGE, 1);
            stats.dropped(DropReason.AGE, 806);
            String log = captured.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("Dropped 1 uplink(s): age (total 1;"), log);
            assertFalse(log.contains("Dropped 806"), "rate limited: " + log);
            // No further drop: the housekeeping tick alone brings the summary out.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                stats.flushDropSummaries();
                return captured.toString(StandardCharsets.UTF_8).contains("Dropped 806 uplink(s): age (total 807;");
            });
            assertEquals(807, stats.droppedCount(DropReason.AGE));
        } finally {
            System.setErr(err);
        }
    }
}
