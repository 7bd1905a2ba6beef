// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream that accepts the connection but never acknowledges is a fault: the forwarder reconnects. */
class AckTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void silentUpstreamTriggersReconnectAndKeepsTheRecords() throws Exception {
        try (SilentUpstream silent = new SilentUpstream()) {
            Map<String, Object> props = Configs.upstream(silent.port(), dir);
            props.put("ack.timeout", 2);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(props));
            try {
                for (int i = 0; i < 5; i++) {
                    f.offer(TestUplinks.numbered("dev-1", i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> silent.connects.get() >= 2);
                assertTrue(silent.publishes.get() >= 5, "the backlog was sent before the fault");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> f.status().counters().get("upstream.ack.timeouts") >= 1);
                assertTrue(f.status().counters().get("upstream.reconnects") >= 1);
                assertEquals(5L, f.status().counters().get("backlog.messages"), "nothing unacknowledged is removed");
                assertTrue(String.valueOf(f.status().details().get("upstream.last.error"))
                        .contains("no acknowledgement"), f.status().details().toString());
            } finally {
                f.deactivate();
            }
        }
    }

    @Test
    void aSubackThatNeverComesHoldsNothingBackAndCountsAsAFault() throws Exception {
        try (SilentUpstream silent = new SilentUpstream()) {
            silent.answerSubscribe = false;
            Map<String, Object> props = Configs.upstream(silent.port(), dir);
            props.put("ack.timeout", 3);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(props));
            try {
                for (int i = 0; i < 5; i++) {
                    f.offer(TestUplinks.numbered("dev-1", i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                // Sent while the SUBACK is still awaited (before: nothing for 30 s).
                await().atMost(Duration.ofSeconds(10)).until(() -> silent.publishes.get() >= 5);
                await().atMost(Duration.ofSeconds(15)).until(() -> silent.connects.get() >= 2);
                assertTrue(String.valueOf(f.status().details().get("upstream.last.error")).contains("SUBACK")
                        || String.valueOf(f.status().details().get("upstream.last.error"))
                                .contains("no acknowledgement"), f.status().details().toString());
            } finally {
                f.deactivate();
            }
        }
    }

    @Test
    void deactivateAbortsAConnectThatGetsNoConnack() throws Exception {
        // The kernel accepts the TCP connection into the backlog; nobody ever answers the CONNECT.
        try (ServerSocket blackhole = new ServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.activate(Configs.of(Configs.upstream(blackhole.getLocalPort(), dir)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "connecting".equals(f.status().details().get("upstream.state")));
            f.offer(TestUplinks.numbered("dev-1", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            f.deactivate();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "deactivate took " + millis + " ms");
        }
        try (akenza.edge.uplink.internal.buffer.UplinkBuffer reopened = akenza.edge.uplink.internal.buffer.UplinkBuffer
                .open(dir, false, (r, n) -> { })) {
            assertEquals(1, reopened.count(), "the buffer was closed cleanly with its record");
        }
    }
}
