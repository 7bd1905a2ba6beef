// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed authentications per remote address: after {@code maxFailures} within {@code window}, the
 * address is refused for {@code cooldown}. Tracks a bounded number of addresses (least recently seen leave
 * first), so a flood from many addresses cannot grow memory.
 */
public final class AuthThrottle {

    /** Most addresses tracked at once. */
    public static final int MAX_TRACKED = 10_000;

    private static final class Record {
        Instant windowStart;
        int failures;
        Instant blockedUntil;
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<String, Record> records = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /**
     * @param maxFailures failures that trigger the cooldown; 0 or less disables throttling
     * @param window the counting window
     * @param cooldown how long an address is refused
     * @param clock the time source (injectable for tests)
     */
    public AuthThrottle(int maxFailures, Duration window, Duration cooldown, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /**
     * @param address the remote address
     * @return whether it is in its cooldown
     */
    public synchronized boolean isBlocked(String address) {
        if (maxFailures <= 0) {
            return false;
        }
        Record r = records.get(address);
        if (r == null || r.blockedUntil == null) {
            return false;
        }
        if (clock.instant().isBefore(r.blockedUntil)) {
            return true;
        }
        records.remove(address);
        return false;
    }

    /**
     * @param address the remote address that failed
     * @return whether this failure started a cooldown
     */
    public synchronized boolean recordFailure(String address) {
        if (maxFailures <= 0) {
            return false;
        }
        Instant now = clock.instant();
        Record r = records.computeIfAbsent(address, a -> new Record());
        if (r.blockedUntil != null) {
            return false;
        }
        if (r.windowStart == null || !now.isBefore(r.windowStart.plus(window))) {
            r.windowStart = now;
            r.failures = 0;
        }
        r.failures++;
        if (r.failures >= maxFailures) {
            r.blockedUntil = now.plus(cooldown);
            return true;
        }
        return false;
    }

    /** @return how many addresses are in their cooldown now */
    public synchronized int blockedAddresses() {
        Instant now = clock.instant();
        int count = 0;
        for (Iterator<Record> it = records.values().iterator(); it.hasNext();) {
            Record r = it.next();
            if (r.blockedUntil != null && now.isBefore(r.blockedUntil)) {
                count++;
            }
        }
        return count;
    }
}
