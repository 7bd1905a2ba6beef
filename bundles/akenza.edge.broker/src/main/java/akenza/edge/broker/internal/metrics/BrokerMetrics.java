// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's counters. {@link LongAdder}s keep the publish path free of a shared lock; names follow the
 * status contract ({@code connections.current}, {@code messages.in.qos1}, {@code dropped.queue_full}, ...).
 */
public final class BrokerMetrics {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    /**
     * @param name the counter
     */
    public void increment(String name) {
        add(name, 1);
    }

    /**
     * @param name the counter
     * @param delta the amount (negative for gauges going down)
     */
    public void add(String name, long delta) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
    }

    /**
     * @param name the counter
     * @return its value, 0 when never touched
     */
    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /**
     * Counts a received PUBLISH.
     *
     * @param qos its QoS
     * @param bytes its payload size
     */
    public void messageIn(int qos, int bytes) {
        increment("messages.in.qos" + qos);
        add("bytes.in.qos" + qos, bytes);
    }

    /**
     * Counts a sent PUBLISH.
     *
     * @param qos its QoS
     * @param bytes its payload size
     */
    public void messageOut(int qos, int bytes) {
        increment("messages.out.qos" + qos);
        add("bytes.out.qos" + qos, bytes);
    }

    /**
     * @param reason why a message was dropped (queue_full, expired, too_large, no_subscriber, ...)
     */
    public void dropped(String reason) {
        increment("dropped." + reason);
    }

    /**
     * @param reason why a connection was refused (a {@code RefusalReason} or protocol cause, lower case)
     */
    public void refused(String reason) {
        increment("connections.refused." + reason);
    }

    /** @return a copy of every counter, sorted by name */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((name, adder) -> out.put(name, adder.sum()));
        return out;
    }
}
