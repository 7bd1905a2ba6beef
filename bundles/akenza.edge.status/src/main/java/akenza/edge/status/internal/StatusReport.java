// SPDX-License-Identifier: EPL-2.0
package akenza.edge.status.internal;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** Renders component snapshots as the text operators read in the console. */
final class StatusReport {

    private StatusReport() {
    }

    /**
     * @param statuses one snapshot per component
     * @return the worst health first line, then one block per component with its counters and details
     */
    static String render(Collection<ComponentStatus> statuses) {
        Health overall = statuses.stream().map(ComponentStatus::health).max(Comparator.naturalOrder())
                .orElse(Health.DOWN);
        StringBuilder sb = new StringBuilder("gateway: ").append(overall)
                .append(statuses.isEmpty() ? " (no component reports a status)" : "").append('\n');
        statuses.stream().sorted(Comparator.comparing(ComponentStatus::component)).forEach(s -> {
            sb.append('\n').append(s.component()).append(": ").append(s.health());
            if (!s.summary().isEmpty()) {
                sb.append(" - ").append(s.summary());
            }
            sb.append('\n');
            lines(sb, new TreeMap<>(s.counters()));
            lines(sb, new TreeMap<>(s.details()));
        });
        return sb.toString();
    }

    private static void lines(StringBuilder sb, Map<String, ?> values) {
        values.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
    }
}
