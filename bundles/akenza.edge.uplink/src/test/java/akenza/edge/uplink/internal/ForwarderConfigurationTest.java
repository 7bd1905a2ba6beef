// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.testing.StandardErrorCapture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad-value rule every component follows: default used, WARN line, DEGRADED, cleared by a good value. */
class ForwarderConfigurationTest {

    @TempDir
    Path dir;

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("buffer.dir", dir.toString());
        p.put("buffer.fsync", false);
        p.put("enabled", false);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aBadValueTakesItsDefaultIsLoggedAndDegradesTheStatusUntilAGoodValueReplacesIt() {
        ForwarderComponent f = new ForwarderComponent();
        try (StandardErrorCapture log = new StandardErrorCapture()) {
            f.activate(config("qos", 7, "buffer.overflow.policy", "drop-newest"));
            ComponentStatus status = f.status();
            assertEquals(Health.DEGRADED, status.health(), status.toString());
            String errors = status.details().get("config.errors");
            assertTrue(errors.contains("qos = '7' rejected: must be from 0 to 2; using the default 1"), errors);
            assertTrue(errors.contains("buffer.overflow.policy = 'drop-newest' rejected"), errors);
            assertEquals("drop-oldest", status.details().get("buffer.overflow.policy"), "the default applies");
            assertTrue(log.text().contains("WARN akenza.edge.uplink.internal.ForwarderComponent - "
                    + "akenza.edge.uplink.Forwarder configuration: qos = '7' rejected: must be from 0 to 2; "
                    + "using the default 1"), log.text());

            f.modified(config("qos", 2, "buffer.overflow.policy", "refuse-new"));
            status = f.status();
            assertEquals(Health.IDLE, status.health(), status.toString());
            assertFalse(status.details().containsKey("config.errors"));
            assertEquals("refuse-new", status.details().get("buffer.overflow.policy"));
        } finally {
            f.deactivate();
        }
    }

    @Test
    void aBadSecretIsNeverShownAndKuraTypesAreAccepted() {
        ForwarderComponent f = new ForwarderComponent();
        try (StandardErrorCapture log = new StandardErrorCapture()) {
            // Kura delivers Integer/Long/Boolean objects and String[] for cardinalities; .cfg files deliver text
            f.activate(config("port", new String[] {"1883"}, "inflight.window", 10L, "tls", "FALSE",
                    "reconnect.min", 5, "reconnect.max", 2, "connector.id", "c", "connector.secret", "Zq9s3cr3tValue"));
            ComponentStatus status = f.status();
            assertEquals(Health.DEGRADED, status.health());
            assertEquals("reconnect.max = '2' rejected: must be at least reconnect.min (5); using 120",
                    status.details().get("config.errors"));
            assertEquals("tcp://mqtt.akenza.io:1883", status.details().get("upstream.server"));
            assertFalse(log.text().contains("Zq9s3cr3tValue"), log.text());
        } finally {
            f.deactivate();
        }
    }
}
