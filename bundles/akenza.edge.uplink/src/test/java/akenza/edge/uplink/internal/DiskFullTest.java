// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the buffer on a 4 MB tmpfs fills up. New uplinks are then refused (quota exceeded), the backlog
 * still drains to akenza, and once space is back uplinks are accepted again, all without a restart.
 */
class DiskFullTest extends WithAkenzaUpstream {

    @TempDir
    Path base;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a tmpfs needs root (mount -t tmpfs); run as root to test a full disk");
        mount = Files.createDirectories(base.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "mount -t tmpfs failed (exit " + p.exitValue() + ")");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Process p = new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** @return null when committed, else the refusal */
    private static UplinkRefusedException offer(ForwarderComponent f, int n) throws Exception {
        try {
            f.offer(TestUplinks.padded("dev-" + (n % 3), n, 1000)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return (UplinkRefusedException) e.getCause();
        }
    }

    @Test
    void aFullDiskRefusesNewUplinksDrainsTheBacklogAndRecoversByItself() throws Exception {
        Path ballast = mount.resolve("ballast");
        Files.write(ballast, new byte[1024 * 1024]);
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        Set<Integer> arrived = ConcurrentHashMap.newKeySet();
        try (TcpProxy proxy = new TcpProxy(upstream.port());
                CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", false)) {
            cloud.onMessage((t, m) -> arrived.add(TestUplinks.number(m.getPayload())));
            proxy.down();
            Map<String, Object> props = Configs.upstream(proxy.port(), mount.resolve("buffer"));
            props.put("buffer.commit.interval", 1);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(props));
            try {
                int n = 0;
                UplinkRefusedException refusal = null;
                while (refusal == null && n < 20_000) {
                    int number = n++;
                    refusal = offer(f, number);
                    if (refusal == null) {
                        acked.add(number);
                    }
                }
                assertTrue(refusal != null, "the small file system filled up");
                assertEquals(UplinkRefusedException.Reason.QUOTA_EXCEEDED, refusal.reason(), refusal.getMessage());
                System.out.println("Disk full after " + acked.size() + " uplinks: " + refusal.getMessage());
                ComponentStatus full = f.status();
                assertEquals(Health.DEGRADED, full.health(), full.toString());
                assertTrue(full.details().get("buffer.fault").contains("bytes free"), full.details().toString());
                assertTrue(full.counters().get("uplinks.refused.storage") >= 1);
                assertEquals(UplinkRefusedException.Reason.QUOTA_EXCEEDED, offer(f, n++).reason(),
                        "still refused while the disk is full");

                // The backlog drains while the disk is still full.
                proxy.up();
                await().atMost(Duration.ofSeconds(60)).until(() -> arrived.containsAll(acked));
                assertFalse(String.valueOf(f.status().details().get("upstream.last.error")).contains("store"),
                        "a storage failure is not reported as an upstream one: " + f.status().details());

                // Space comes back: accepted again by itself.
                Files.delete(ballast);
                AtomicInteger next = new AtomicInteger(n);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    int number = next.getAndIncrement();
                    if (offer(f, number) != null) {
                        return false;
                    }
                    acked.add(number);
                    return true;
                });
                n = next.get();
                for (int i = 0; i < 100; i++) {
                    int number = n++;
                    assertEquals(null, offer(f, number), "accepted after space came back");
                    acked.add(number);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> arrived.containsAll(acked));
                ComponentStatus after = f.status();
                assertEquals(Health.OK, after.health(), after.toString());
            } finally {
                f.deactivate();
            }
            Set<Integer> missing = new TreeSet<>(acked);
            missing.removeAll(arrived);
            assertEquals(Set.of(), missing, "acknowledged uplinks that never arrived");
        }
    }
}
