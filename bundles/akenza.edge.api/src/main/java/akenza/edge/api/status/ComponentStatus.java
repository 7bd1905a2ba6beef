// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.status;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one component's health and counters.
 *
 * @param component the component name (its PID)
 * @param health the overall state
 * @param summary one line for operators (never a secret)
 * @param counters monotonic counters and gauges by name, e.g. {@code connections.current}
 * @param details other facts by name, e.g. {@code upstream.state}
 * @param at when the snapshot was taken
 */
public record ComponentStatus(String component, Health health, String summary, Map<String, Long> counters,
        Map<String, String> details, Instant at) {

    /** Checks the fields and copies the maps. */
    public ComponentStatus {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(health, "health");
        summary = summary == null ? "" : summary;
        counters = Map.copyOf(counters);
        details = Map.copyOf(details);
        at = at == null ? Instant.now() : at;
    }
}
