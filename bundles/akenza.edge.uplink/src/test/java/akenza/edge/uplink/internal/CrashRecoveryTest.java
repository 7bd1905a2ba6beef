// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.testing.TcpProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway JVM is killed (kill -9) with a backlog pending; after a restart nothing is lost and order is kept. */
class CrashRecoveryTest extends WithAkenzaUpstream {

    private static final int COUNT = 2000;

    @TempDir
    Path dir;

    private static Process fork(Path bufferDir, int port, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", classpath,
                ForwarderProcess.class.getName(), bufferDir.toString(), Integer.toString(port),
                Integer.toString(count));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Waits for the child's COMMITTED line, echoing its output. */
    private static void awaitCommitted(Process p) throws Exception {
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[child] " + line);
                    if (line.startsWith("COMMITTED")) {
                        committed.complete(true);
                    }
                }
            } catch (Exception e) {
                // the child was killed
            }
            committed.complete(false);
        }, "test-child-output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(committed.get(120, TimeUnit.SECONDS), "the child committed its uplinks");
    }

    @Test
    void killedWithABacklogThenRestartedLosesNothingAndKeepsOrder() throws Exception {
        try (TcpProxy proxy = new TcpProxy(upstream.port());
                CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", false)) {
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            cloud.onMessage((t, m) -> {
                int n = TestUplinks.number(m.getPayload());
                seen.add(n);
                order.add(n);
            });
            proxy.down();
            Process child = fork(dir, proxy.port(), COUNT);
            try {
                awaitCommitted(child);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals(0, cloud.count.get(), "nothing reached the upstream before the crash");

            proxy.up();
            ForwarderComponent restarted = new ForwarderComponent();
            restarted.bindTopicPolicy(TopicPolicies.akenza());
            restarted.activate(Configs.of(Configs.upstream(proxy.port(), dir)));
            try {
                await().atMost(Duration.ofSeconds(60)).conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() < 1000) {
                        System.out.println("seen " + seen.size() + "; " + restarted.status());
                    }
                }).until(() -> seen.size() >= COUNT);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> restarted.status().counters().get("backlog.messages") == 0);
            } finally {
                restarted.deactivate();
            }
            List<Integer> distinctInOrder = new ArrayList<>(new LinkedHashSet<>(order));
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                expected.add(i);
            }
            assertEquals(expected, distinctInOrder, "every committed uplink arrives, in the original order");
        }
    }

    @Test
    void killedWhileDrainingResendsWhatWasNotAcknowledged() throws Exception {
        int count = 20_000;
        try (TcpProxy proxy = new TcpProxy(upstream.port());
                CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", false)) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            cloud.onMessage((t, m) -> {
                int n = TestUplinks.number(m.getPayload());
                seen.add(n);
                order.add(n);
            });
            proxy.down();
            Process child = fork(dir, proxy.port(), count);
            int seenAtKill;
            try {
                awaitCommitted(child);
                proxy.up();
                await().atMost(Duration.ofSeconds(60)).until(() -> order.size() >= 500);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                seenAtKill = order.size();
            }
            System.out.println("Killed the gateway JVM after " + seenAtKill + " of " + count + " uplinks arrived");
            ForwarderComponent restarted = new ForwarderComponent();
            restarted.bindTopicPolicy(TopicPolicies.akenza());
            restarted.activate(Configs.of(Configs.upstream(proxy.port(), dir)));
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> seen.size() >= count);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> restarted.status().counters().get("backlog.messages") == 0);
            } finally {
                restarted.deactivate();
            }
            List<Integer> distinctInOrder;
            synchronized (order) {
                distinctInOrder = new ArrayList<>(new LinkedHashSet<>(order));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i, distinctInOrder.get(i), "first arrival of each uplink is in the original order");
            }
            System.out.println("Delivered " + order.size() + " messages for " + count + " uplinks ("
                    + (order.size() - count) + " duplicates from the crash, none lost)");
        }
    }
}
