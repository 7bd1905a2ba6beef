// SPDX-License-Identifier: EPL-2.0
package akenza.edge.status.internal;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.StatusReporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code akenza:status} in the Gogo shell (Kura's and the standalone runtime's): every component's health,
 * counters and details in one place. Gogo calls the public method by name, so no Gogo package is imported.
 */
@Component(service = StatusCommand.class, immediate = true,
        property = {"osgi.command.scope=akenza", "osgi.command.function=status"})
public final class StatusCommand {

    private final List<StatusReporter> reporters = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReporter(StatusReporter reporter) {
        reporters.add(reporter);
    }

    void removeReporter(StatusReporter reporter) {
        reporters.remove(reporter);
    }

    /** @return the whole gateway's status as text */
    public String status() {
        List<ComponentStatus> snapshots = new ArrayList<>();
        for (StatusReporter r : reporters) {
            snapshots.add(r.status());
        }
        return StatusReport.render(snapshots);
    }
}
