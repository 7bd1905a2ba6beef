// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.RefusalReason;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Authentication counters for the status report; they outlive reconfigurations. */
public final class AuthCounters {

    private final Map<AuthMethod, LongAdder> accepted = new EnumMap<>(AuthMethod.class);
    private final Map<RefusalReason, LongAdder> refused = new EnumMap<>(RefusalReason.class);
    private final LongAdder throttleStarts = new LongAdder();

    /** Creates zeroed counters. */
    public AuthCounters() {
        for (AuthMethod m : AuthMethod.values()) {
            accepted.put(m, new LongAdder());
        }
        for (RefusalReason r : RefusalReason.values()) {
            refused.put(r, new LongAdder());
        }
    }

    /** @param method how an accepted client authenticated */
    public void accepted(AuthMethod method) {
        accepted.get(method).increment();
    }

    /** @param reason why a client was refused */
    public void refused(RefusalReason reason) {
        refused.get(reason).increment();
    }

    /** Counts an address entering its cooldown. */
    public void throttleStarted() {
        throttleStarts.increment();
    }

    /** @return the counters by status name */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        long acceptedTotal = 0;
        long refusedTotal = 0;
        for (var e : accepted.entrySet()) {
            if (e.getKey().isDevice()) {
                long v = e.getValue().sum();
                acceptedTotal += v;
                result.put("auth.accepted." + e.getKey().name().toLowerCase(Locale.ROOT), v);
            }
        }
        for (var e : refused.entrySet()) {
            long v = e.getValue().sum();
            refusedTotal += v;
            result.put("auth.refused." + e.getKey().name().toLowerCase(Locale.ROOT), v);
        }
        result.put("auth.accepted", acceptedTotal);
        result.put("auth.refused", refusedTotal);
        result.put("auth.throttle.started", throttleStarts.sum());
        return result;
    }
}
