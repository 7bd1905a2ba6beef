// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.uplink.internal.buffer.BufferWriter;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.link.LinkState;
import akenza.edge.uplink.internal.link.LinkStatus;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
        boolean bufferOk = buffer != null && buffer.isOpen() && writer != null && !writer.isFailed();
        if (buffer != null && buffer.isOpen()) {
            backlog = buffer.count();
            bytes = buffer.bytes();
            oldest = buffer.oldestReceivedAt();
        }
        counters.put("backlog.messages", backlog);
        counters.put("backlog.bytes", bytes);
        counters.put("backlog.oldest.age.seconds", oldest == null ? 0 : Duration.between(oldest, now).getSeconds());
        counters.put("uplinks.inflight", (long) inflight);
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
            details.put("buffer.overflow.policy", settings.buffer().overflow().name().toLowerCase().replace('_', '-'));
            if (settings.upstream() != null) {
                details.put("upstream.server", settings.upstream().serverUri());
                details.put("upstream.protocol", settings.upstream().mqtt5() ? "5" : "3.1.1");
            }
        }
        Health health;
        String summary;
        if (!bufferOk) {
            health = Health.DOWN;
            summary = "down: uplink buffer unavailable";
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
        return new ComponentStatus(Forwarder.PID, health, summary, counters, details, now);
    }
}
