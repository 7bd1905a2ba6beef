// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UserProperty;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.testing.AkenzaUpstream;
import akenza.edge.testing.TcpProxy;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder against a real MQTT 5 broker that enforces akenza's uplink-secret rules. */
class ForwardingTest extends WithAkenzaUpstream {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<ForwarderComponent> forwarders = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (ForwarderComponent f : forwarders) {
            f.deactivate();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** @return the upstream client under test ({@code upstream.client}); the default one here */
    String client() {
        return "netty";
    }

    private ForwarderComponent forwarder(Map<String, Object> properties, RecordingDelivery delivery)
            throws Exception {
        Map<String, Object> props = new HashMap<>(properties);
        props.putIfAbsent("upstream.client", client());
        ForwarderComponent f = new ForwarderComponent();
        f.bindTopicPolicy(TopicPolicies.akenza());
        if (delivery != null) {
            f.bindLocalDelivery(delivery);
        }
        f.activate(Configs.of(props));
        forwarders.add(f);
        return f;
    }

    private static void awaitConnected(ForwarderComponent f) {
        await().atMost(WAIT).until(() -> "connected".equals(f.status().details().get("upstream.state")));
    }

    private CloudObserver observer(String filter) throws Exception {
        CloudObserver o = new CloudObserver(upstream.port(), filter, true);
        closeables.add(o);
        return o;
    }

    @Test
    void uplinksArriveOnTheirCloudTopicsWithContentTypeAndUserProperties() throws Exception {
        CloudObserver cloud = observer("/up/#");
        ForwarderComponent f = forwarder(Configs.upstream(upstream.port(), dir), null);
        awaitConnected(f);
        MessageProperties props = new MessageProperties("text/csv", 1,
                List.of(new UserProperty("site", "north"), new UserProperty("site", "south")),
                "corr-1".getBytes(StandardCharsets.UTF_8), "/down/device/id/dev-1/reply", 3600L);
        Uplink alerts = new Uplink("dev-1", List.of("alerts", "critical"), "alerts_critical",
                "a,b\n1,2".getBytes(StandardCharsets.UTF_8), 1, false, props, Instant.now());
        Uplink plain = new Uplink("dev-2", List.of(), "default", "{}".getBytes(StandardCharsets.UTF_8), 1, true,
                MessageProperties.NONE, Instant.now());
        f.offer(alerts).toCompletableFuture().get(10, TimeUnit.SECONDS);
        f.offer(plain).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> cloud.received.size() >= 2);
        CloudObserver.Received first = cloud.received.get(0);
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/alerts/critical", first.topic());
        assertEquals("a,b\n1,2", first.payload());
        MqttProperties p = first.message().getProperties();
        assertEquals("text/csv", p.getContentType());
        assertTrue(p.getPayloadFormat());
        assertEquals(List.of("site=north", "site=south"),
                p.getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue()).toList());
        assertEquals("corr-1", new String(p.getCorrelationData(), StandardCharsets.UTF_8));
        assertEquals("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/reply", p.getResponseTopic());
        assertTrue(p.getMessageExpiryInterval() > 3500 && p.getMessageExpiryInterval() <= 3600);
        CloudObserver.Received second = cloud.received.get(1);
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-2", second.topic());
        assertNull(second.message().getProperties().getContentType());
        assertTrue(second.message().isRetained(), "the retain flag travels");
        cloud.clearRetained(second.topic());
        await().atMost(WAIT).until(() -> f.status().counters().get("backlog.messages") == 0);
        ComponentStatus status = f.status();
        assertEquals(Health.OK, status.health());
        assertEquals(2L, status.counters().get("uplinks.forwarded"));
        assertFalse(status.toString().contains(AkenzaUpstream.SECRET), "status must not show the secret");
    }

    @Test
    void expiredUplinksAreDroppedAndCountedNotSent() throws Exception {
        CloudObserver cloud = observer("/up/#");
        ForwarderComponent f = forwarder(Configs.upstream(upstream.port(), dir), null);
        awaitConnected(f);
        MessageProperties expiring = new MessageProperties(null, null, List.of(), null, null, 5L);
        f.offer(new Uplink("dev-1", List.of("old"), "old", "{}".getBytes(StandardCharsets.UTF_8), 1, false, expiring,
                Instant.now().minusSeconds(60))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        f.offer(TestUplinks.numbered("dev-1", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> cloud.received.size() >= 1);
        await().atMost(WAIT).until(() -> f.status().counters().get("backlog.messages") == 0);
        assertEquals(1, cloud.received.size());
        assertEquals(1L, f.status().counters().get("dropped.expired"));
    }

    @Test
    void upstreamAwayForAWhileThenBackDeliversEverythingInOrder() throws Exception {
        CloudObserver cloud = observer("/up/#");
        TcpProxy proxy = new TcpProxy(upstream.port());
        closeables.add(proxy);
        ForwarderComponent f = forwarder(Configs.upstream(proxy.port(), dir), null);
        awaitConnected(f);
        List<CompletableFuture<Void>> offers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            offers.add(f.offer(TestUplinks.numbered("dev-" + (i % 3), i)).toCompletableFuture());
        }
        CompletableFuture.allOf(offers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> cloud.received.size() >= 100);

        proxy.down();
        await().atMost(WAIT).until(() -> !"connected".equals(f.status().details().get("upstream.state")));
        offers.clear();
        for (int i = 100; i < 600; i++) {
            offers.add(f.offer(TestUplinks.numbered("dev-" + (i % 3), i)).toCompletableFuture());
        }
        CompletableFuture.allOf(offers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(500L, f.status().counters().get("backlog.messages"), "the outage backlog is buffered");
        assertEquals(Health.DEGRADED, f.status().health());

        proxy.up();
        await().atMost(WAIT).until(() -> cloud.received.size() >= 600);
        await().atMost(WAIT).until(() -> f.status().counters().get("backlog.messages") == 0);
        List<Integer> numbers = cloud.received.stream().map(r -> TestUplinks.number(r.message().getPayload()))
                .toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            expected.add(i);
        }
        assertEquals(expected, numbers, "every uplink arrives once, in order");
        assertTrue(f.status().counters().get("upstream.reconnects") >= 1);
    }

    @Test
    void downlinkReachesTheRightDeviceTopicOnly() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        ForwarderComponent f = forwarder(Configs.upstream(upstream.port(), dir), delivery);
        awaitConnected(f);
        CloudObserver akenza = observer("/nothing");
        akenza.publish("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/config", "{\"led\":1}", 1);
        akenza.publish("/down/other-secret/id/dev-2/config", "{\"led\":2}", 1);
        await().atMost(WAIT).until(() -> !delivery.delivered.isEmpty());
        LocalMessage m = delivery.delivered.get(0);
        assertEquals("/down/device/id/dev-1/config", m.topic());
        assertEquals("{\"led\":1}", new String(m.payload(), StandardCharsets.UTF_8));
        assertEquals(1, m.qos());
        assertEquals(1L, f.status().counters().get("downlinks.relayed"));
        // The other connector's downlink is not ours: the upstream never sends it, nothing else is delivered.
        akenza.publish("/down/" + AkenzaUpstream.SECRET + "/id/dev-3/x", "{}", 0);
        await().atMost(WAIT).until(() -> delivery.delivered.size() >= 2);
        assertEquals(List.of("/down/device/id/dev-1/config", "/down/device/id/dev-3/x"),
                delivery.delivered.stream().map(LocalMessage::topic).toList());
    }

    @Test
    void mqtt311UpstreamForwardsWithoutPropertiesAndCountsThem() throws Exception {
        CloudObserver cloud = observer("/up/#");
        Map<String, Object> props = Configs.upstream(upstream.port(), dir);
        props.put("protocol", "3.1.1");
        ForwarderComponent f = forwarder(props, null);
        awaitConnected(f);
        f.offer(TestUplinks.numbered("dev-1", 7)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> cloud.received.size() >= 1);
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/data", cloud.received.get(0).topic());
        assertNull(cloud.received.get(0).message().getProperties().getContentType());
        await().atMost(WAIT).until(() -> f.status().counters().get("uplinks.properties.not.forwarded") == 1L);
    }

    @Test
    void offersAreBufferedWhileNoConnectorIsConfigured() throws Exception {
        ForwarderComponent f = forwarder(Map.of("buffer.dir", dir.toString(), "buffer.fsync", false), null);
        f.offer(TestUplinks.numbered("dev-1", 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ComponentStatus status = f.status();
        assertEquals(Health.IDLE, status.health());
        assertTrue(status.summary().startsWith("idle: no connector configured"), status.summary());
        assertEquals(1L, status.counters().get("backlog.messages"));

        CloudObserver cloud = observer("/up/#");
        f.modified(Configs.of(Configs.upstream(upstream.port(), dir)));
        await().atMost(WAIT).until(() -> cloud.received.size() >= 1);
        assertEquals(1, TestUplinks.number(cloud.received.get(0).message().getPayload()));
    }

    @Test
    void gatewayStatusUplinkCarriesTheStatusAsJson() throws Exception {
        CloudObserver cloud = observer("/up/#");
        Map<String, Object> props = Configs.upstream(upstream.port(), dir);
        props.put("gateway.device.id", "gw-1");
        props.put("status.interval", 5);
        ForwarderComponent f = forwarder(props, null);
        awaitConnected(f);
        await().atMost(WAIT).until(() -> !cloud.received.isEmpty());
        CloudObserver.Received status = cloud.received.get(0);
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/gw-1/gateway_status", status.topic());
        assertEquals("application/json", status.message().getProperties().getContentType());
        JsonObject json = JsonParser.parseString(status.payload()).getAsJsonObject();
        assertEquals(ForwarderComponent.PID, json.get("component").getAsString());
        assertTrue(json.getAsJsonObject("counters").has("backlog.messages"));
        assertFalse(status.payload().contains(AkenzaUpstream.SECRET));
    }

    @Test
    void sessionListenerIsHarmlessInWildcardMode() throws Exception {
        ForwarderComponent f = forwarder(Configs.upstream(upstream.port(), dir), new RecordingDelivery());
        awaitConnected(f);
        f.connected("dev-9", DeviceIdentity.jwt("dev-9", null));
        f.disconnected("dev-9", DeviceIdentity.jwt("dev-9", null));
        assertEquals("connected", f.status().details().get("upstream.state"));
    }

    @Test
    void encryptedSecretIsDecryptedWithCryptoServiceAndQos2IsCompleted() throws Exception {
        CloudObserver cloud = observer("/up/#");
        Map<String, Object> props = Configs.upstream(upstream.port(), dir);
        props.put("connector.secret", "ENC:" + new StringBuilder(AkenzaUpstream.SECRET).reverse());
        props.put("qos", 2);
        ForwarderComponent f = new ForwarderComponent();
        f.bindCryptoService(new CryptoService() {
            @Override
            public char[] encryptAes(char[] value) {
                return ("ENC:" + new StringBuilder(new String(value)).reverse()).toCharArray();
            }

            @Override
            public char[] decryptAes(char[] value) throws KuraException {
                String s = new String(value);
                if (!s.startsWith("ENC:")) {
                    throw new KuraException(KuraErrorCode.DECODER_ERROR);
                }
                return new StringBuilder(s.substring(4)).reverse().toString().toCharArray();
            }
        });
        f.bindTopicPolicy(TopicPolicies.akenza());
        f.activate(Configs.of(props));
        forwarders.add(f);
        awaitConnected(f);
        f.offer(TestUplinks.numbered("dev-1", 3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !cloud.received.isEmpty());
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/data", cloud.received.get(0).topic());
        await().atMost(WAIT).until(() -> f.status().counters().get("uplinks.forwarded") == 1L);
        assertEquals(0L, f.status().counters().get("backlog.messages"), "removed after PUBCOMP");
    }
    /** Upstream QoS 0: the PUBLISH leaves on its own write (not the batch of QoS 1 ones) and is done once written. */
    @Test
    void qos0UplinksAreSentAndRemovedOnceWritten() throws Exception {
        CloudObserver cloud = observer("/up/#");
        Map<String, Object> props = Configs.upstream(upstream.port(), dir);
        props.put("qos", 0);
        ForwarderComponent f = forwarder(props, new RecordingDelivery());
        awaitConnected(f);
        for (int i = 1; i <= 3; i++) {
            f.offer(TestUplinks.numbered("dev-1", i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> cloud.received.size() == 3);
        assertEquals("/up/" + AkenzaUpstream.SECRET + "/id/dev-1/data", cloud.received.get(0).topic());
        await().atMost(WAIT).until(() -> f.status().counters().get("uplinks.forwarded") == 3L);
        assertEquals(0L, f.status().counters().get("backlog.messages"), "removed once written");
    }
}
