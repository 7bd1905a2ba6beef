// SPDX-License-Identifier: EPL-2.0

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator of distribution/bench/run: one process, HiveMQ async MQTT 3.1.1 clients sharing one Netty
 * event loop group, one driver thread that publishes (no thread per client or message). Prints one
 * {@code RESULT <kind> key=value ...} line per measurement for the run script to tabulate.
 *
 * <pre>
 * java -cp CLASSPATH LoadGen.java suite --port P --pid BROKER_PID [--jvm true] [--publishers 10]
 *      [--messages 100000] [--size 64] [--window 50] [--rate 5000] [--rate-messages 20000] [--clients 1000]
 *      [--warmup 100000]
 * </pre>
 */
public class LoadGen {

    private static final String HOST = "127.0.0.1";
    /** A phase with no message received for this long is over (QoS 0 may lose messages). */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int SENT = 0;
    private static final int RECEIVED = 1;
    private static final int WRITTEN_OFF = 2;

    private final Map<String, String> options;
    private final int port;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    LoadGen(Map<String, String> options) {
        this.options = options;
        this.port = intOption("port", 1883);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGen suite|connections|throughput|latency --port P [--pid PID] ...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LoadGen gen = new LoadGen(options);
        switch (args[0]) {
            case "suite" -> {
                gen.connections();
                // The first messages after a start are measured on their own ("warmup"): a JVM broker compiles
                // its hot path meanwhile. Then the measured phases, as a broker that has been running serves.
                int warmup = gen.intOption("warmup", 100_000);
                for (int qos = 0; qos <= 1 && warmup > 0; qos++) {
                    gen.throughput(qos, "warmup", warmup);
                }
                for (int qos = 0; qos <= 1; qos++) {
                    gen.throughput(qos);
                }
                for (int qos = 0; qos <= 1; qos++) {
                    gen.latency(qos);
                }
            }
            case "connections" -> gen.connections();
            case "throughput" -> gen.throughput(gen.intOption("qos", 0));
            case "latency" -> gen.latency(gen.intOption("qos", 0));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private Mqtt3AsyncClient client(String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id).serverHost(HOST).serverPort(port)
                .buildAsync();
    }

    // ---- memory: resident set of the broker with N idle connected clients -------------------------------

    void connections() throws Exception {
        int pid = intOption("pid", -1);
        int count = intOption("clients", 1000);
        boolean jvm = Boolean.parseBoolean(options.getOrDefault("jvm", "false"));
        long started = settledRssKb(pid);
        long before = jvm ? settledRssAfterGcKb(pid) : started;
        long heapBefore = jvm ? liveHeapKb(pid) : -1;
        List<Mqtt3AsyncClient> clients = new ArrayList<>(count);
        // At most 100 CONNECTs outstanding: a burst of 1000 would measure the listen backlog, not the broker.
        Semaphore connecting = new Semaphore(100);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Mqtt3AsyncClient c = client("bench-idle-" + runId + "-" + i);
            clients.add(c);
            if (!connecting.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connects hang: " + connected.get() + " connected");
            }
            c.connectWith().keepAlive(600).send().whenComplete((ack, error) -> {
                (error == null ? connected : failed).incrementAndGet();
                connecting.release();
            });
        }
        waitFor(() -> connected.get() + failed.get() == count, 60, "all connects answered");
        long after = jvm ? settledRssAfterGcKb(pid) : settledRssKb(pid);
        long heapAfter = jvm ? liveHeapKb(pid) : -1;
        System.out.printf("RESULT connections clients=%d connected=%d failed=%d rss_start_kb=%d rss_idle_kb=%d"
                + " rss_clients_kb=%d delta_kb_per_1000=%d heap_idle_kb=%d heap_clients_kb=%d"
                + " heap_delta_kb_per_1000=%d%n", count, connected.get(), failed.get(), started,
                before, after, connected.get() == 0 ? 0 : (after - before) * 1000 / connected.get(), heapBefore,
                heapAfter, !jvm || connected.get() == 0 ? -1 : (heapAfter - heapBefore) * 1000 / connected.get());
        disconnectAll(clients);
    }

    /**
     * A JVM's resident set follows its heap sizing more than its live data: a full GC first (jcmd GC.run)
     * makes the readings with and without clients comparable.
     */
    private static long settledRssAfterGcKb(int pid) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Integer.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " GC.run failed");
        }
        return settledRssKb(pid);
    }

    /**
     * The JVM's live heap: used heap right after a full GC (two, so that objects freed by the first one's
     * reference processing are gone too), from {@code jcmd <pid> GC.heap_info} ("... used 12796K ...").
     */
    private static long liveHeapKb(int pid) throws Exception {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no used heap in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(int pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Integer.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    /** VmRSS once it stopped moving (within 1 % across 2 s), at most 20 s. */
    private static long settledRssKb(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long previous = rssKb(pid);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            long now = rssKb(pid);
            if (Math.abs(now - previous) * 100 <= previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    static long rssKb(int pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    // ---- throughput: N publishers -> 1 subscriber, as fast as a bounded window allows ----------------------

    void throughput(int qos) throws Exception {
        throughput(qos, "throughput", intOption("messages", 100_000));
    }

    void throughput(int qos, String kind, int messages) throws Exception {
        int window = intOption("window", 50);
        Semaphore outstanding = new Semaphore(window);
        Phase phase = new Phase(kind.substring(0, 2) + "-q" + qos, qos, messages, outstanding);
        phase.start();
        long first = System.nanoTime();
        for (int i = 0; i < messages && !phase.stalled(); i++) {
            // A permit is returned when the subscriber receives a message: at most `window` messages in
            // flight, far below both brokers' queue limits. A broker may still drop some (Mosquitto 2.0.11 does
            // for a QoS 1 subscriber now and then): their permits are returned when written off, else the
            // window would shrink and the measurement slow down for the wrong reason.
            while (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (phase.stalled()) {
                    break;
                }
                phase.writeOffLost(i);
            }
            if ((i & 1023) == 0) {
                phase.writeOffLost(i);
            }
            phase.publish(i, System.nanoTime());
        }
        phase.awaitEnd();
        double seconds = (phase.lastReceived.get() - first) / 1e9;
        System.out.printf("RESULT %s qos=%d publishers=%d messages=%d size=%d window=%d received=%d"
                + " seconds=%.2f"
                + " rate=%.0f p50_us=%d p99_us=%d errors=%d written_off=%d%n", kind, qos, phase.publishers.size(),
                messages, phase.padding.length + 12, window, phase.received.get(), seconds,
                phase.received.get() / seconds, phase.percentileUs(50), phase.percentileUs(99),
                phase.errors.get(), phase.writtenOff);
        phase.close();
    }

    // ---- latency: the same path at a fixed offered rate well below saturation ----------------------------

    void latency(int qos) throws Exception {
        int messages = intOption("rate-messages", 20_000);
        int rate = intOption("rate", 5_000);
        Phase phase = new Phase("lat-q" + qos, qos, messages, null);
        phase.start();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < messages && !phase.stalled(); i++) {
            // The scheduled time goes into the payload: a late send counts as latency (no coordinated omission).
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            phase.publish(i, due);
        }
        phase.awaitEnd();
        System.out.printf("RESULT latency qos=%d publishers=%d rate=%d messages=%d received=%d p50_us=%d p99_us=%d"
                + " max_us=%d errors=%d%n", qos, phase.publishers.size(), rate, messages, phase.received.get(),
                phase.percentileUs(50), phase.percentileUs(99), phase.percentileUs(100), phase.errors.get());
        phase.close();
    }

    /** One measurement: its publishers, its subscriber on a topic tree of its own, and what arrived. */
    private final class Phase {
        final String name;
        final MqttQos qos;
        final String prefix;
        final long[] latencies;
        /** Per sequence number: SENT, RECEIVED or WRITTEN_OFF; only the driver thread writes off. */
        final AtomicIntegerArray state;
        final long[] sentAt;
        int oldest;
        int writtenOff;
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong lastReceived = new AtomicLong(System.nanoTime());
        final Semaphore outstanding;
        final List<Mqtt3AsyncClient> publishers = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        final byte[] padding;
        Mqtt3AsyncClient subscriber;

        Phase(String name, int qos, int messages, Semaphore outstanding) {
            this.name = name;
            this.qos = MqttQos.fromCode(qos);
            this.prefix = "bench/" + runId + "/" + name;
            this.latencies = new long[messages];
            this.state = new AtomicIntegerArray(messages);
            this.sentAt = new long[messages];
            this.outstanding = outstanding;
            this.padding = new byte[Math.max(0, intOption("size", 64) - 12)];
        }

        void start() throws Exception {
            subscriber = client("bench-sub-" + runId + "-" + name);
            subscriber.connectWith().cleanSession(true).send().get(30, TimeUnit.SECONDS);
            subscriber.subscribeWith().topicFilter(prefix + "/#").qos(qos).callback(this::onMessage).send()
                    .get(30, TimeUnit.SECONDS);
            List<CompletableFuture<?>> connects = new ArrayList<>();
            for (int p = 0; p < intOption("publishers", 10); p++) {
                Mqtt3AsyncClient c = client("bench-pub-" + runId + "-" + name + "-" + p);
                publishers.add(c);
                topics.add(prefix + "/p" + p);
                connects.add(c.connectWith().cleanSession(true).send());
            }
            CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            lastReceived.set(System.nanoTime());
        }

        void publish(int seq, long stamp) {
            sentAt[seq] = System.nanoTime();
            int p = seq % publishers.size();
            ByteBuffer payload = ByteBuffer.allocate(12 + padding.length).putLong(stamp).putInt(seq).put(padding);
            publishers.get(p).publishWith().topic(topics.get(p)).qos(qos).payload(payload.flip()).send()
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            errors.incrementAndGet();
                        }
                    });
        }

        private void onMessage(Mqtt3Publish publish) {
            long now = System.nanoTime();
            ByteBuffer payload = publish.getPayload().orElseThrow();
            long stamp = payload.getLong(0);
            int seq = payload.getInt(8);
            boolean inTime = state.compareAndSet(seq, SENT, RECEIVED);
            if (!inTime && !state.compareAndSet(seq, WRITTEN_OFF, RECEIVED)) {
                return; // a QoS 1 duplicate: counted once
            }
            int index = received.getAndIncrement();
            if (index < latencies.length) {
                latencies[index] = now - stamp;
            }
            lastReceived.set(now);
            if (inTime && outstanding != null) {
                outstanding.release();
            }
        }

        /** Writes off what was sent more than a second ago and never arrived, returning its permits. */
        void writeOffLost(int sent) {
            long limit = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
            while (oldest < sent && (state.get(oldest) != SENT || sentAt[oldest] < limit)) {
                if (state.compareAndSet(oldest, SENT, WRITTEN_OFF)) {
                    writtenOff++;
                    if (outstanding != null) {
                        outstanding.release();
                    }
                }
                oldest++;
            }
        }

        boolean stalled() {
            return System.nanoTime() - lastReceived.get() > STALL_NANOS;
        }

        void awaitEnd() {
            while (received.get() < latencies.length && !stalled()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }

        long percentileUs(int percentile) {
            int n = Math.min(received.get(), latencies.length);
            if (n == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            int index = (int) Math.min(n - 1, Math.ceil(percentile / 100.0 * n) - 1);
            return sorted[Math.max(0, index)] / 1000;
        }

        void close() throws Exception {
            List<Mqtt3AsyncClient> all = new ArrayList<>(publishers);
            all.add(subscriber);
            disconnectAll(all);
        }
    }

    private static void disconnectAll(List<Mqtt3AsyncClient> clients) throws Exception {
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Mqtt3AsyncClient c : clients) {
            if (c.getState().isConnected()) {
                done.add(c.disconnect().exceptionally(e -> null));
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
