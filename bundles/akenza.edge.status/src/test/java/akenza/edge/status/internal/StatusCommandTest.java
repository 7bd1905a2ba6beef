// SPDX-License-Identifier: EPL-2.0
package akenza.edge.status.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void showsTheWorstHealthFirstAndEveryComponentsCounters() {
        StatusCommand command = new StatusCommand();
        command.addReporter(() -> new ComponentStatus("b.Forwarder", Health.DEGRADED, "upstream down",
                Map.of("backlog.messages", 12L), Map.of("state", "backoff"), Instant.EPOCH));
        command.addReporter(() -> new ComponentStatus("a.Broker", Health.OK, "", Map.of("connections.current", 3L),
                Map.of(), Instant.EPOCH));
        String text = command.status();
        assertTrue(text.startsWith("gateway: DEGRADED\n"), text);
        assertTrue(text.indexOf("a.Broker: OK") < text.indexOf("b.Forwarder: DEGRADED - upstream down"), text);
        assertTrue(text.contains("  connections.current = 3\n"), text);
        assertTrue(text.contains("  backlog.messages = 12\n  state = backoff\n"), text);
    }

    @Test
    void saysWhenNothingReports() {
        assertEquals("gateway: DOWN (no component reports a status)\n", new StatusCommand().status());
    }
}
