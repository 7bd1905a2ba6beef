// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.testing.AkenzaUpstream;
import akenza.edge.testing.TcpProxy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog of 100,000 uplinks is written while the upstream is away and then drained: the heap stays flat
 * because the backlog lives on disk. Heap after GC is printed at each step; only a generous bound is asserted.
 */
class BacklogMemoryTest {

    private static final int COUNT = 100_000;
    private static final int PAYLOAD = 512;
    private static final long MB = 1024 * 1024;

    @TempDir
    Path hivemqDir;

    @TempDir
    Path dir;

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void report(String step, long heap, long baseline, ForwarderComponent f) {
        Map<String, Long> c = f.status().counters();
        System.out.printf("[memory] %-28s heap after GC %4d MB (%+4d MB vs baseline); backlog %6d msgs, %4d MB%n",
                step, heap / MB, (heap - baseline) / MB, c.get("backlog.messages"), c.get("backlog.bytes") / MB);
    }

    @Test
    void heapStaysFlatWhileAHundredThousandUplinksAreBufferedAndDrained() throws Exception {
        try (AkenzaUpstream upstream = AkenzaUpstream.start(hivemqDir, List.of());
                TcpProxy proxy = new TcpProxy(upstream.port())) {
            // Checked inside the broker, without a subscriber: a slow test subscriber would make the broker
            // queue messages in this JVM's heap and blur the forwarder's own numbers.
            AtomicInteger next = new AtomicInteger();
            AtomicInteger outOfOrder = new AtomicInteger();
            AkenzaUpstream.publishHook = (t, payload) -> {
                byte[] bytes = new byte[Math.min(payload.remaining(), 32)];
                payload.duplicate().get(bytes);
                int n = TestUplinks.number(bytes);
                synchronized (next) {
                    if (n == next.get()) {
                        next.incrementAndGet();
                    } else if (n > next.get()) {
                        outOfOrder.incrementAndGet();
                    }
                }
            };
            proxy.down();
            Map<String, Object> props = Configs.upstream(proxy.port(), dir);
            props.put("inflight.window", 200);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(props));
            try {
                long baseline = heapAfterGc();
                report("baseline", baseline, baseline, f);
                long peak = baseline;
                for (int step = 1; step <= 4; step++) {
                    int from = (step - 1) * COUNT / 4;
                    Pipeline.offer(f, COUNT / 4, i -> TestUplinks.padded("dev-" + ((from + i) % 10), from + i,
                            PAYLOAD));
                    long heap = heapAfterGc();
                    peak = Math.max(peak, heap);
                    report("written " + step * COUNT / 4, heap, baseline, f);
                }
                assertEquals((long) COUNT, f.status().counters().get("backlog.messages"));
                long backlogBytes = f.status().counters().get("backlog.bytes");
                assertTrue(backlogBytes > 50 * MB, "the backlog is real: " + backlogBytes);

                long start = System.nanoTime();
                proxy.up();
                for (int half = 1; half <= 2; half++) {
                    int target = half * COUNT / 2;
                    await().atMost(Duration.ofMinutes(3)).until(() -> next.get() >= target);
                    long heap = heapAfterGc();
                    peak = Math.max(peak, heap);
                    report("drained " + target, heap, baseline, f);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("[memory] drained %d uplinks in %.1f s (%.0f msg/s); peak heap growth %d MB%n",
                        COUNT, seconds, COUNT / seconds, (peak - baseline) / MB);
                await().atMost(Duration.ofSeconds(30)).until(() -> f.status().counters().get("backlog.messages") == 0);
                assertEquals(0, outOfOrder.get(), "drained in order");
                System.out.printf("[memory] buffer files after the drain: %d MB%n",
                        directorySize(dir) / MB);
                // Generous: the backlog itself (~60 MB on disk, more as objects) would blow far past this.
                assertTrue(peak - baseline < 48 * MB, "heap grew by " + (peak - baseline) / MB + " MB");
            } finally {
                f.deactivate();
                AkenzaUpstream.publishHook = (t, p) -> { };
            }
        }
    }
}
