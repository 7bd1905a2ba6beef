// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigStatusTest {

    private static final ConfigProblem QOS = new ConfigProblem("qos", "7", "must be from 0 to 2; using the default 1");

    @Test
    void problemsDegradeAnOkOrIdleStatusAndNameTheProperty() {
        for (Health h : new Health[] {Health.OK, Health.IDLE}) {
            ComponentStatus s = ConfigStatus.withProblems(new ComponentStatus("pid", h, "fine", Map.of("c", 1L),
                    Map.of("d", "x"), null), List.of(QOS));
            assertEquals(Health.DEGRADED, s.health());
            assertEquals("qos = '7' rejected: must be from 0 to 2; using the default 1", s.details().get("config.errors"));
            assertEquals("x", s.details().get("d"));
            assertTrue(s.summary().startsWith("1 configuration value(s) rejected (qos); fine"), s.summary());
        }
    }

    @Test
    void downStaysDownAndNoProblemsChangeNothing() {
        ComponentStatus down = new ComponentStatus("pid", Health.DOWN, "", Map.of(), Map.of(), null);
        assertEquals(Health.DOWN, ConfigStatus.withProblems(down, List.of(QOS)).health());
        assertSame(down, ConfigStatus.withProblems(down, List.of()));
    }
}
