// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.topics.internal.grammar.PublishRefusal;
import akenza.edge.topics.internal.grammar.SubscribeRefusal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The policy's counters. {@link LongAdder}s: many event loops count at once without contention, and the
 * maps are filled once and never change, so no lock is needed.
 */
public final class PolicyCounters {

    private final LongAdder uplinksRouted = new LongAdder();
    private final LongAdder uplinksByTemplate = new LongAdder();
    private final LongAdder publishLocal = new LongAdder();
    private final Map<PublishRefusal, LongAdder> publishRefused = new EnumMap<>(PublishRefusal.class);
    private final Map<SubscribeRefusal, LongAdder> subscribeRefused = new EnumMap<>(SubscribeRefusal.class);
    private final LongAdder downlinksMapped = new LongAdder();
    private final LongAdder downlinkLocalTopics = new LongAdder();
    private final LongAdder downlinksIgnored = new LongAdder();
    private final LongAdder responsesMapped = new LongAdder();
    private final LongAdder responsesDropped = new LongAdder();
    private final LongAdder directoryFailures = new LongAdder();

    /** Creates zeroed counters. */
    public PolicyCounters() {
        for (PublishRefusal r : PublishRefusal.values()) {
            publishRefused.put(r, new LongAdder());
        }
        for (SubscribeRefusal r : SubscribeRefusal.values()) {
            subscribeRefused.put(r, new LongAdder());
        }
    }

    /** @param byTemplate whether a legacy template made the uplink */
    public void uplinkRouted(boolean byTemplate) {
        uplinksRouted.increment();
        if (byTemplate) {
            uplinksByTemplate.increment();
        }
    }

    /** Counts a PUBLISH left to the broker's own rules. */
    public void publishLocal() {
        publishLocal.increment();
    }

    /** @param reason why a PUBLISH was refused */
    public void publishRefused(PublishRefusal reason) {
        publishRefused.get(reason).increment();
    }

    /** @param reason why a subscription was refused */
    public void subscribeRefused(SubscribeRefusal reason) {
        subscribeRefused.get(reason).increment();
    }

    /** @param localTopics how many local topics one cloud downlink became */
    public void downlinkMapped(int localTopics) {
        downlinksMapped.increment();
        downlinkLocalTopics.add(localTopics);
    }

    /** Counts a cloud topic that is not a downlink for the upstream connector. */
    public void downlinkIgnored() {
        downlinksIgnored.increment();
    }

    /** @param mapped whether a response topic was mapped to the cloud (else it is dropped) */
    public void response(boolean mapped) {
        (mapped ? responsesMapped : responsesDropped).increment();
    }

    /** Counts a device directory lookup that failed. */
    public void directoryFailure() {
        directoryFailures.increment();
    }

    /** @return a consistent-enough snapshot by counter name (each counter is read once) */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("uplinks.routed", uplinksRouted.sum());
        m.put("uplinks.routed.template", uplinksByTemplate.sum());
        m.put("publish.local", publishLocal.sum());
        long refused = 0;
        for (Map.Entry<PublishRefusal, LongAdder> e : publishRefused.entrySet()) {
            long n = e.getValue().sum();
            refused += n;
            m.put("publish.refused." + e.getKey().key(), n);
        }
        m.put("publish.refused", refused);
        long subRefused = 0;
        for (Map.Entry<SubscribeRefusal, LongAdder> e : subscribeRefused.entrySet()) {
            long n = e.getValue().sum();
            subRefused += n;
            m.put("subscribe.refused." + e.getKey().key(), n);
        }
        m.put("subscribe.refused", subRefused);
        m.put("downlinks.mapped", downlinksMapped.sum());
        m.put("downlinks.local.topics", downlinkLocalTopics.sum());
        m.put("downlinks.ignored", downlinksIgnored.sum());
        m.put("responses.mapped", responsesMapped.sum());
        m.put("responses.dropped", responsesDropped.sum());
        m.put("directory.failures", directoryFailures.sum());
        return m;
    }
}
