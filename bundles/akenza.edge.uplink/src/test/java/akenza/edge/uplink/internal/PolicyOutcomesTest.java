// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.testing.AkenzaUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full buffer applies the configured policy and counts it; an uplink akenza refuses is dropped and counted. */
class PolicyOutcomesTest {

    @TempDir
    Path dir;

    @TempDir
    Path hivemqDir;

    private ForwarderComponent idleForwarder(String policy) throws Exception {
        ForwarderComponent f = new ForwarderComponent();
        f.bindTopicPolicy(TopicPolicies.akenza());
        f.activate(Configs.of(Map.of("buffer.dir", dir.toString(), "buffer.fsync", false, "buffer.max.bytes", 65_536,
                "buffer.overflow.policy", policy)));
        return f;
    }

    @Test
    void fullBufferDropsTheOldestAndCountsThem() throws Exception {
        ForwarderComponent f = idleForwarder("drop-oldest");
        try {
            Pipeline.offer(f, 200, i -> TestUplinks.padded("dev-1", i, 1000));
            Map<String, Long> c = f.status().counters();
            assertTrue(c.get("backlog.bytes") <= 65_536, c.toString());
            assertTrue(c.get("dropped.overflow") > 0, c.toString());
            assertEquals(200L, c.get("backlog.messages") + c.get("dropped.overflow"), "every drop is counted");
            assertEquals("drop-oldest", f.status().details().get("buffer.overflow.policy"));
        } finally {
            f.deactivate();
        }
    }

    @Test
    void fullBufferRefusesNewWithQuotaExceededAndCountsThem() throws Exception {
        ForwarderComponent f = idleForwarder("refuse-new");
        try {
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                try {
                    f.offer(TestUplinks.padded("dev-1", i, 1000)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    UplinkRefusedException r = assertInstanceOf(UplinkRefusedException.class, e.getCause());
                    assertEquals(UplinkRefusedException.Reason.QUOTA_EXCEEDED, r.reason());
                    refused++;
                }
            }
            Map<String, Long> c = f.status().counters();
            assertTrue(refused > 0);
            assertEquals((long) refused, c.get("dropped.refused"));
            assertEquals(200L, c.get("backlog.messages") + refused);
        } finally {
            f.deactivate();
        }
    }

    @Test
    void uplinkRefusedByAkenzaIsDroppedCountedAndDoesNotBlockTheRest() throws Exception {
        try (AkenzaUpstream upstream = AkenzaUpstream.start(hivemqDir, List.of());
                CloudObserver cloud = new CloudObserver(upstream.port(), "#", true)) {
            // Another connector's secret for "rogue": akenza's rules refuse it (PUBACK 0x87).
            CloudTopicMapping wrongForRogue = TopicPolicies.withUplinkTopic(
                    (uplink, secret) -> uplink.deviceId().equals("rogue") ? "/up/another-secret/id/rogue" : null);
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(wrongForRogue);
            f.activate(Configs.of(Configs.upstream(upstream.port(), dir)));
            try {
                f.offer(TestUplinks.numbered("rogue", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                f.offer(TestUplinks.numbered("dev-1", 2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> f.status().counters().get("backlog.messages") == 0);
                Map<String, Long> c = f.status().counters();
                assertEquals(1L, c.get("dropped.upstream.rejected"), c.toString());
                assertEquals(1L, c.get("uplinks.forwarded"));
                await().atMost(Duration.ofSeconds(10)).until(() -> !cloud.received.isEmpty());
                // At least once: HiveMQ refuses the rogue uplink by disconnecting too, and dev-1's uplink, sent
                // right behind it, may have been delivered before its PUBACK was lost; it is then sent again.
                assertEquals(List.of("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/data"),
                        cloud.received.stream().map(CloudObserver.Received::topic).distinct().toList(),
                        "the upstream enforces the secret rules: only the permitted topic got through");
                // HiveMQ answers an unauthorized PUBLISH with PUBACK 0x87 or by disconnecting with a reason string
                // naming the topic (which of the two is reported last depends on timing); whichever it is, the
                // topic's secret level must never reach the status in clear.
                String error = String.valueOf(f.status().details().get("upstream.last.error"));
                assertTrue(error.contains("0x87") || error.contains("/up/****/id/rogue"), error);
                assertFalse(error.contains("another-secret"), error);
            } finally {
                f.deactivate();
            }
        }
    }

    @Test
    void anUnusableBufferDirectoryReportsDownAndRefusesAsUnavailable() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        ForwarderComponent f = new ForwarderComponent();
        f.activate(Configs.of(Map.of("buffer.dir", notADirectory.resolve("buffer").toString())));
        try {
            assertEquals(akenza.edge.api.status.Health.DOWN, f.status().health());
            ExecutionException e = Assertions.assertThrows(ExecutionException.class,
                    () -> f.offer(TestUplinks.numbered("d", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertEquals(UplinkRefusedException.Reason.UNAVAILABLE,
                    ((UplinkRefusedException) e.getCause()).reason());
        } finally {
            f.deactivate();
        }
    }
}
