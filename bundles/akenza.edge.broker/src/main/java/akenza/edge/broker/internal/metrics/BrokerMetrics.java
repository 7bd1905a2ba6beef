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
     * The per-message counters, looked up once: every PUBLISH in and out touches two of them, and a map lookup
     * by name per message is measurable (issue 13). Created on first use, so untouched ones stay absent.
     */
    private final LongAdder[] messagesIn = new LongAdder[3];
    private final LongAdder[] bytesIn = new LongAdder[3];
    private final LongAdder[] messagesOut = new LongAdder[3];
    private final LongAdder[] bytesOut = new LongAdder[3];

    /**
     * @param name a counter
     * @return a handle for a counter touched per message: the name is looked up once, at its first increment
     *         (until then the counter stays absent, as with {@link #increment})
     */
    public Counter counter(String name) {
        return new Counter(name);
    }

    /** A counter looked up by name once. */
    public final class Counter {
        private final String name;
        /** A racy cache of the map's entry: every thread finds the same adder. */
        private LongAdder adder;

        private Counter(String name) {
            this.name = name;
        }

        /** Adds one. */
        public void increment() {
            LongAdder a = adder;
            if (a == null) {
                a = counters.computeIfAbsent(name, n -> new LongAdder());
                adder = a;
            }
            a.increment();
        }
    }

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

    /** The adder of a per-message counter: a racy cache of the map's entry (every thread gets the same adder). */
    private LongAdder cached(LongAdder[] cache, String[] names, int qos) {
        LongAdder adder = cache[qos];
        if (adder == null) {
            adder = counters.computeIfAbsent(names[qos], n -> new LongAdder());
            cache[qos] = adder;
        }
        return adder;
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
        cached(messagesIn, MESSAGES_IN, qos).increment();
        cached(bytesIn, BYTES_IN, qos).add(bytes);
    }

    /**
     * Counts a sent PUBLISH.
     *
     * @param qos its QoS
     * @param bytes its payload size
     */
    public void messageOut(int qos, int bytes) {
        cached(messagesOut, MESSAGES_OUT, qos).increment();
        cached(bytesOut, BYTES_OUT, qos).add(bytes);
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
