// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices whose downlinks are subscribed one by one (when configured, or when the upstream refuses the
 * wildcard filter). Bounded: beyond {@link #MAX_DEVICES} the device first seen longest ago is forgotten.
 */
public final class DeviceSubscriptions {

    /** The most devices remembered. */
    public static final int MAX_DEVICES = 10_000;

    private final Set<String> known = new LinkedHashSet<>();
    /**
     * The same devices, readable without the lock: {@link #seen} runs for every uplink on every event loop and
     * nearly always finds the device known; the lock is taken only for a new one.
     */
    private final Set<String> knownFast = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = new LinkedHashSet<>();
    private int subscribed;

    /**
     * @param deviceId a device that connected or published
     * @return whether it is new (a subscription is now pending)
     */
    public boolean seen(String deviceId) {
        if (knownFast.contains(deviceId)) {
            return false;
        }
        synchronized (this) {
            if (!known.add(deviceId)) {
                return false;
            }
            knownFast.add(deviceId);
            if (known.size() > MAX_DEVICES) {
                Iterator<String> it = known.iterator();
                String oldest = it.next();
                it.remove();
                knownFast.remove(oldest);
                pending.remove(oldest);
            }
            pending.add(deviceId);
            return true;
        }
    }

    /** A new connection starts without subscriptions: every known device is pending again. */
    public synchronized void resubscribeAll() {
        pending.clear();
        pending.addAll(known);
        subscribed = 0;
    }

    /** @param count how many per-device subscriptions the upstream just granted */
    public synchronized void granted(int count) {
        subscribed += count;
    }

    /** @return per-device subscriptions granted on the current connection */
    public synchronized int subscribedCount() {
        return subscribed;
    }

    /**
     * @param max the most to take
     * @return devices waiting for their subscription (removed from the pending set)
     */
    public synchronized List<String> takePending(int max) {
        List<String> out = new ArrayList<>(Math.min(max, pending.size()));
        Iterator<String> it = pending.iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    /** @param deviceIds devices whose subscription must be tried again */
    public synchronized void retry(List<String> deviceIds) {
        for (String id : deviceIds) {
            if (known.contains(id)) {
                pending.add(id);
            }
        }
    }

    /** @return whether any subscription is pending */
    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** @return how many devices are known */
    public synchronized int size() {
        return known.size();
    }
}
