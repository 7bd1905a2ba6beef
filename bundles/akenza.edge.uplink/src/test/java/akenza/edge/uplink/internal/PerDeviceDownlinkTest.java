// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.testing.AkenzaUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that refuses the wildcard downlink filter: the forwarder falls back to one subscription per
 * device, for devices that connect (SessionListener) or publish, and each downlink reaches only its device.
 */
class PerDeviceDownlinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path hivemqDir;

    @TempDir
    Path dir;

    @Test
    void wildcardRefusedFallsBackToPerDeviceSubscriptions() throws Exception {
        try (AkenzaUpstream upstream = AkenzaUpstream.start(hivemqDir, List.of("dev-1", "dev-2"));
                CloudObserver akenza = new CloudObserver(upstream.port(), "/nothing", true)) {
            RecordingDelivery delivery = new RecordingDelivery();
            ForwarderComponent f = new ForwarderComponent();
            f.bindTopicPolicy(TopicPolicies.akenza());
            f.bindLocalDelivery(delivery);
            f.activate(Configs.of(Configs.upstream(upstream.port(), dir)));
            try {
                await().atMost(WAIT).until(() -> "connected".equals(f.status().details().get("upstream.state")));
                f.connected("dev-1", DeviceIdentity.jwt("dev-1", null));
                await().atMost(WAIT).until(() -> f.status().counters().get("downlinks.device.subscriptions") == 1);
                // A device behind a connector session is learnt from its uplinks.
                f.offer(TestUplinks.numbered("dev-2", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> f.status().counters().get("downlinks.device.subscriptions") == 2);

                String down = "/down/" + AkenzaUpstream.SECRET + "/id/";
                akenza.publish(down + "dev-3/cmd", "{\"to\":3}", 1);
                akenza.publish(down + "dev-2/cmd", "{\"to\":2}", 1);
                akenza.publish(down + "dev-1/cmd", "{\"to\":1}", 1);
                await().atMost(WAIT).until(() -> delivery.delivered.size() >= 2);
                assertEquals(List.of("/down/device/id/dev-2/cmd", "/down/device/id/dev-1/cmd"),
                        delivery.delivered.stream().map(LocalMessage::topic).toList(),
                        "each downlink reaches its own device; dev-3 was never subscribed");
                assertEquals(2L, f.status().counters().get("downlinks.relayed"));
            } finally {
                f.deactivate();
            }
        }
    }
}
