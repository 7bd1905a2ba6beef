// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.uplink.internal.buffer.BufferSalvage;
import akenza.edge.uplink.internal.buffer.BufferWriter;
import akenza.edge.uplink.internal.buffer.StorageFault;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.sender.LinkState;
import akenza.edge.uplink.internal.sender.LinkStatus;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the forwarder's {@link ComponentStatus} from its parts; cheap and non-blocking. */
final class ForwarderStatusBuilder {

    private ForwarderStatusBuilder() {
    }

    static ComponentStatus build(ForwarderSettings settings, UplinkBuffer buffer, BufferWriter writer,
            LinkStatus.Snapshot link, ForwarderStats stats, int inflight, int deviceSubscriptions, boolean hasPolicy,
            boolean hasDelivery) {
        Map<String, Long> counters = new HashMap<>();
        Map<String, String> details = new HashMap<>();
        stats.putCounters(counters);
        Instant now = Instant.now();
        long backlog = 0;
        long bytes = 0;
        Instant oldest = null;
        StorageFault fault = writer == null ? null : writer.fault();
        boolean bufferOk = buffer != null && writer != null && (buffer.isOpen() || fault != null);
        if (buffer != null) {
            backlog = buffer.count();
            bytes = buffer.bytes();
            oldest = buffer.oldestReceivedAt();
        }
        counters.put("backlog.messages", backlog);
        counters.put("backlog.bytes", bytes);
        counters.put("backlog.oldest.age.seconds", oldest == null ? 0 : Duration.between(oldest, now).getSeconds());
        counters.put("uplinks.inflight", (long) inflight);
        BufferSalvage.Result salvage = buffer == null ? null : buffer.salvage();
        counters.put("buffer.salvage.recovered", salvage == null ? 0 : salvage.recovered());
        counters.put("buffer.salvage.lost", salvage == null ? 0 : Math.max(0, salvage.lost()));
        if (salvage != null) {
            details.put("buffer.salvage", "damaged buffer moved to " + salvage.damagedFile().getFileName() + " ("
                    + salvage.cause() + "); " + salvage.recovered() + " recovered by " + salvage.method() + ", "
                    + (salvage.lost() < 0 ? "nothing readable" : salvage.lost() + " unreadable"));
        }
        counters.put("downlinks.device.subscriptions", (long) deviceSubscriptions);
        details.put("upstream.state", link.state().label());
        details.put("upstream.since", link.since().toString());
        if (!link.detail().isEmpty()) {
            details.put("upstream.detail", link.detail());
        }
        if (link.lastError() != null) {
            details.put("upstream.last.error", link.lastError());
            details.put("upstream.last.error.at", String.valueOf(link.lastErrorAt()));
        }
        details.put("topic.policy", hasPolicy ? "present" : "missing");
        details.put("local.delivery", hasDelivery ? "present" : "missing");
        if (settings != null) {
            details.put("buffer.dir", settings.buffer().dir().toString());
            details.put("buffer.overflow.policy", settings.buffer().overflow().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (settings.upstream() != null) {
                details.put("upstream.server", settings.upstream().serverUri());
                details.put("upstream.protocol", settings.upstream().mqtt5() ? "5" : "3.1.1");
            }
        }
        if (fault != null) {
            details.put("buffer.fault", fault.describe());
        }
        Health health;
        String summary;
        if (!bufferOk) {
            health = Health.DOWN;
            summary = "down: uplink buffer unavailable";
        } else if (fault != null) {
            // A storage failure, never reported as an upstream one: the backlog keeps draining meanwhile.
            health = Health.DEGRADED;
            summary = "degraded: uplink buffer cannot write (" + fault.describe() + "); refusing new uplinks, "
                    + "draining backlog " + backlog + " (upstream " + link.state().label() + ")";
        } else if (link.state() == LinkState.IDLE) {
            health = settings != null && settings.idleReason() != null ? Health.IDLE : Health.DEGRADED;
            summary = "idle: " + link.detail() + "; backlog " + backlog;
        } else if (link.state() == LinkState.CONNECTED) {
            health = Health.OK;
            summary = "connected since " + link.since() + "; backlog " + backlog + ", inflight " + inflight;
        } else {
            health = Health.DEGRADED;
            summary = link.state().label() + (link.detail().isEmpty() ? "" : " (" + link.detail() + ")")
                    + "; backlog " + backlog + (link.lastError() == null ? "" : "; last error: " + link.lastError());
        }
        return new ComponentStatus(ForwarderComponent.PID, health, summary, counters, details, now);
    }
}
