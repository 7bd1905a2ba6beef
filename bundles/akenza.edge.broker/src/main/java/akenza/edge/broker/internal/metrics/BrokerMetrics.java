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

    private static final String[] MESSAGES_IN = {"messages.in.qos0", "messages.in.qos1", "messages.in.qos2"};
    private static final String[] BYTES_IN = {"bytes.in.qos0", "bytes.in.qos1", "bytes.in.qos2"};
    private static final String[] MESSAGES_OUT = {"messages.out.qos0", "messages.out.qos1", "messages.out.qos2"};
    private static final String[] BYTES_OUT = {"bytes.out.qos0", "bytes.out.qos1", "bytes.out.qos2"};

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
        LongAdder adder = counters.get(name); // plain read first: no bin lock on the hot path
        if (adder == null) {
            adder = counters.computeIfAbsent(name, n -> new LongAdder());
        }
        adder.add(delta);
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
        increment(MESSAGES_IN[qos]);
        add(BYTES_IN[qos], bytes);
    }

    /**
     * Counts a sent PUBLISH.
     *
     * @param qos its QoS
     * @param bytes its payload size
     */
    public void messageOut(int qos, int bytes) {
        increment(MESSAGES_OUT[qos]);
        add(BYTES_OUT[qos], bytes);
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
