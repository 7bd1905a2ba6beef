// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.status.Health;
import akenza.edge.testing.TcpProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a gateway JVM with a busy buffer (offers, drains, compaction every 200 ms) is killed (kill -9) at
 * random moments many times, then stopped cleanly once and started again. A ledger of every committed uplink
 * (what devices got a PUBACK for) proves that none is lost and that the buffer still opens.
 */
class KillLoopTest extends WithAkenzaUpstream {

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    /** A forked {@link ChurnProcess} whose ACK lines go into the shared ledger. */
    private static final class Child {
        final Process process;
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final CountDownLatch forwarding = new CountDownLatch(1);
        final AtomicInteger acks = new AtomicInteger();

        Child(Path dir, int port, int first, Set<Integer> ledger) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-D" + akenza.edge.uplink.internal.buffer.UplinkBuffer.SEGMENT_BYTES_PROPERTY + "=65536", "-cp", classpath,
                    ChurnProcess.class.getName(), dir.toString(), Integer.toString(port), Integer.toString(first));
            pb.redirectErrorStream(true);
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            ledger.add(Integer.parseInt(line.substring(4)));
                            acks.incrementAndGet();
                        } else {
                            System.out.println("[child] " + line);
                            if (line.startsWith("OPEN")) {
                                open.countDown();
                            } else if (line.startsWith("FORWARDING")) {
                                forwarding.countDown();
                            } else if (line.startsWith("STOPPED")) {
                                stopped.countDown();
                            }
                        }
                    }
                } catch (Exception e) {
                    // the child was killed
                }
            }, "test-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitAcks(int count) {
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= count || !process.isAlive());
            assertTrue(process.isAlive(), "the child runs");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }

        void stop() throws Exception {
            Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            w.write("STOP\n");
            w.flush();
            assertTrue(stopped.await(60, TimeUnit.SECONDS), "the child stopped cleanly");
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        }
    }

    @Test
    void killedManyTimesThenStoppedCleanlyLosesNothingAndTheBufferStillOpens() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("KillLoopTest seed " + seed);
        Set<Integer> ledger = ConcurrentHashMap.newKeySet();
        Set<Integer> arrived = ConcurrentHashMap.newKeySet();
        try (TcpProxy proxy = new TcpProxy(upstream.port());
                CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", false)) {
            cloud.onMessage((t, m) -> arrived.add(TestUplinks.number(m.getPayload())));
            for (int run = 0; run < KILLS; run++) {
                // Alternate a growing backlog (upstream away) with draining (removals, sparse chunks, compaction).
                if (run % 3 == 2) {
                    proxy.down();
                } else {
                    proxy.up();
                }
                Child child = new Child(dir, proxy.port(), run * 1_000_000, ledger);
                try {
                    assertTrue(child.open.await(60, TimeUnit.SECONDS), "the buffer opens after kill " + run);
                    if (run % 3 == 2) {
                        // A random moment while the backlog grows: after some hundreds to thousands of commits.
                        child.awaitAcks(50 + random.nextInt(3000));
                    } else {
                        // A random moment while it drains: removals, sparse chunks, compaction every 200 ms.
                        assertTrue(child.forwarding.await(60, TimeUnit.SECONDS), "the child forwards");
                        // The kill moment itself is what is random here; the child must not exit before it.
                        assertFalse(child.process.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS),
                                "the child runs");
                    }
                } finally {
                    child.kill();
                }
            }
            proxy.up();
            Child last = new Child(dir, proxy.port(), KILLS * 1_000_000, ledger);
            assertTrue(last.open.await(60, TimeUnit.SECONDS), "the buffer opens after the last kill");
            last.awaitAcks(500);
            last.stop();

            ForwarderComponent restarted = new ForwarderComponent();
            restarted.bindTopicPolicy(TopicPolicies.akenza());
            restarted.activate(Configs.of(Configs.upstream(proxy.port(), dir)));
            try {
                assertNotEquals(Health.DOWN, restarted.status().health(), "the buffer opens after the clean stop");
                assertEquals(null, restarted.status().details().get("buffer.salvage"),
                        "the file opened as it was: nothing had to be set aside");
                await().atMost(Duration.ofSeconds(60)).until(() -> arrived.containsAll(ledger));
            } finally {
                restarted.deactivate();
            }
            Set<Integer> missing = new TreeSet<>(ledger);
            missing.removeAll(arrived);
            assertEquals(Set.of(), missing, "acknowledged uplinks that never arrived");
            System.out.println("KillLoopTest: " + KILLS + " kills, " + ledger.size()
                    + " acknowledged uplinks, all arrived upstream (" + arrived.size() + " distinct)");
        }
    }
}
