// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import akenza.edge.testing.AkenzaUpstream;
import akenza.edge.uplink.internal.client.NettyUpstream;
import akenza.edge.uplink.internal.client.OutgoingMessage;
import akenza.edge.uplink.internal.client.PublishCallback;
import akenza.edge.uplink.internal.client.UpstreamException;
import akenza.edge.uplink.internal.client.UpstreamListener;
import akenza.edge.uplink.internal.client.UpstreamLoop;
import akenza.edge.uplink.internal.client.UpstreamSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Netty upstream client on its own, against a real MQTT 5 broker (HiveMQ CE) and a server that holds acks. */
class NettyUpstreamTest extends WithAkenzaUpstream {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The loop the clients of one test share, as a forwarder's do. */
    private final UpstreamLoop loop = new UpstreamLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** Records what the client reports. */
    static final class Events implements UpstreamListener, PublishCallback {
        final AtomicInteger acknowledged = new AtomicInteger();
        final List<Integer> rejected = new CopyOnWriteArrayList<>();
        final List<Integer> failed = new CopyOnWriteArrayList<>();
        final List<Integer> lost = new CopyOnWriteArrayList<>();
        final List<String> lostReasons = new CopyOnWriteArrayList<>();
        final List<String> downlinks = new CopyOnWriteArrayList<>();
        final List<MessageProperties> downlinkProperties = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged() {
            acknowledged.incrementAndGet();
        }

        @Override
        public void rejected(int reasonCode) {
            rejected.add(reasonCode);
        }

        @Override
        public void failed(String reason, int serverReasonCode) {
            failed.add(serverReasonCode);
        }

        @Override
        public void connectionLost(String reason, int serverReasonCode) {
            lostReasons.add(reason);
            lost.add(serverReasonCode);
        }

        @Override
        public void messageArrived(String topic, byte[] payload, int qos, MessageProperties properties) {
            downlinkProperties.add(properties);
            downlinks.add(topic + " " + new String(payload, StandardCharsets.UTF_8) + " qos" + qos);
        }
    }

    private static UpstreamSettings settings(int port, boolean mqtt5, String secret) {
        return new UpstreamSettings("127.0.0.1", port, false, "", mqtt5, AkenzaUpstream.CONNECTOR_ID, secret,
                "netty-test-" + System.nanoTime(), 30, 10, false);
    }

    private static OutgoingMessage uplink(String device, String payload, MessageProperties props) {
        return new OutgoingMessage("/up/" + AkenzaUpstream.SECRET + "/id/" + device, payload.getBytes(
                StandardCharsets.UTF_8), 1, false, props);
    }

    @Test
    void publishesQos1WithEveryMqtt5PropertyAndOnlyUserPropertiesToo() throws Exception {
        Events events = new Events();
        try (CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", true);
                NettyUpstream client = new NettyUpstream(settings(upstream.port(), true, AkenzaUpstream.SECRET),
                        null, events, 100, loop)) {
            client.connect();
            assertTrue(client.isConnected());
            MessageProperties all = new MessageProperties("text/csv", 1,
                    List.of(new UserProperty("site", "north"), new UserProperty("site", "south")),
                    "corr-1".getBytes(StandardCharsets.UTF_8), "/down/x/id/dev-1/reply", 3600L);
            MessageProperties usersOnly = new MessageProperties(null, null, List.of(new UserProperty("k", "v")),
                    null, null, null);
            client.publish(uplink("dev-1", "a,b", all), events);
            client.publish(uplink("dev-2", "{}", usersOnly), events);
            client.publish(uplink("dev-3", "{}", MessageProperties.NONE), events);
            client.flush();

            await().atMost(WAIT).until(() -> events.acknowledged.get() == 3 && cloud.received.size() == 3);
            MqttProperties p = cloud.received.get(0).message().getProperties();
            assertEquals("text/csv", p.getContentType());
            assertTrue(p.getPayloadFormat());
            assertEquals(List.of("site=north", "site=south"),
                    p.getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue()).toList());
            assertEquals("corr-1", new String(p.getCorrelationData(), StandardCharsets.UTF_8));
            assertEquals("/down/x/id/dev-1/reply", p.getResponseTopic());
            assertTrue(p.getMessageExpiryInterval() > 3500 && p.getMessageExpiryInterval() <= 3600);
            assertEquals(1, cloud.received.get(0).message().getQos());
            MqttProperties users = cloud.received.get(1).message().getProperties();
            assertEquals(List.of("k=v"), users.getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue())
                    .toList(), "a PUBLISH with only user properties keeps them (Netty 4.1.95's isEmpty ignores them)");
            assertNull(cloud.received.get(2).message().getProperties().getContentType());
            assertEquals("a,b", cloud.received.get(0).payload());
        }
    }

    @Test
    void pipelinesUpToTheServersReceiveMaximumAndNoFurther() throws Exception {
        Events events = new Events();
        try (HoldingUpstream server = new HoldingUpstream(5);
                NettyUpstream client = new NettyUpstream(settings(server.port(), true, AkenzaUpstream.SECRET), null,
                        events, 100, loop)) {
            client.connect();
            assertEquals(5, client.serverReceiveMaximum());
            for (int i = 0; i < 17; i++) {
                client.publish(uplink("dev-1", "m" + i, MessageProperties.NONE), events);
            }
            client.flush();
            for (int round = 0; round < 4; round++) {
                int expected = Math.min(5, 17 - round * 5);
                await().atMost(WAIT).until(() -> server.held.get() == expected);
                server.release();
            }
            await().atMost(WAIT).until(() -> events.acknowledged.get() == 17);
            assertEquals(17, server.received.get());
            assertEquals(5, server.maxHeld.get(), "never more unacknowledged than the server's receive maximum");
        }
    }

    /**
     * The keep-alive: a PINGREQ every interval even while PUBLISHes keep going out (a server that holds them
     * answers nothing else), so the server's PINGRESPs keep the connection from looking dead.
     */
    @Test
    void pingsEveryKeepAliveIntervalAlsoWhileBusy() throws Exception {
        Events events = new Events();
        try (HoldingUpstream server = new HoldingUpstream(1000);
                NettyUpstream client = new NettyUpstream(new UpstreamSettings("127.0.0.1", server.port(), false, "",
                        true, AkenzaUpstream.CONNECTOR_ID, AkenzaUpstream.SECRET, "netty-test-" + System.nanoTime(), 2,
                        10, false), null, events, 1000, loop)) {
            client.connect();
            AtomicInteger sent = new AtomicInteger();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                client.publish(uplink("dev-1", "m" + sent.incrementAndGet(), MessageProperties.NONE), events);
                client.flush();
                return server.pings.get() >= 2;
            });
            assertTrue(client.isConnected(), "the server's answers to the pings keep the connection");
            assertEquals(List.of(), events.lost);
            await().atMost(WAIT).until(() -> server.received.get() == sent.get());
        }
    }

    @Test
    void aServerDisconnectIsReportedWithItsReasonCodeAndFailsWhatIsInflight() throws Exception {
        Events events = new Events();
        try (HoldingUpstream server = new HoldingUpstream(10);
                NettyUpstream client = new NettyUpstream(settings(server.port(), true, AkenzaUpstream.SECRET), null,
                        events, 100, loop)) {
            client.connect();
            client.publish(uplink("dev-1", "x", MessageProperties.NONE), events);
            client.flush();
            await().atMost(WAIT).until(() -> server.held.get() == 1);
            server.disconnect(0x99);
            await().atMost(WAIT).until(() -> events.lost.size() == 1 && events.failed.size() == 1);
            assertEquals(List.of(0x99), events.lost);
            assertEquals(List.of(0x99), events.failed);
            assertTrue(events.lostReasons.get(0).contains("0x99"), events.lostReasons.get(0));
            assertFalse(client.isConnected());
            assertThrows(UpstreamException.class, () -> client.publish(uplink("dev-1", "y", MessageProperties.NONE),
                    events));
        }
    }

    /**
     * An unreachable upstream is tried again and again with backoff: each attempt used to start (and end) a thread
     * and a selector, tens of milliseconds of CPU every time. The clients of one forwarder share one loop thread.
     */
    @Test
    void theClientsOfOneLoopShareOneThreadAcrossAttempts() throws Exception {
        Events events = new Events();
        long before = loopThreads();
        int unreachable;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unreachable = s.getLocalPort();
        }
        try (HoldingUpstream server = new HoldingUpstream(10)) {
            UpstreamLoop attempts = new UpstreamLoop();
            for (int i = 0; i < 3; i++) {
                try (NettyUpstream refused = new NettyUpstream(settings(unreachable, true, AkenzaUpstream.SECRET),
                        null, events, 100, attempts)) {
                    assertThrows(UpstreamException.class, refused::connect);
                }
            }
            try (NettyUpstream client = new NettyUpstream(settings(server.port(), true, AkenzaUpstream.SECRET), null,
                    events, 100, attempts)) {
                client.connect();
                assertTrue(client.isConnected());
            }
            assertEquals(before + 1, loopThreads(), "one thread served every attempt and waits for the next");
            attempts.close();
            await().atMost(WAIT).until(() -> loopThreads() == before);
        }
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("akenza-uplink-netty")).count();
    }

    @Test
    void aDroppedConnectionIsReportedAndANewClientConnectsAgain() throws Exception {
        Events events = new Events();
        try (HoldingUpstream server = new HoldingUpstream(10)) {
            try (NettyUpstream first = new NettyUpstream(settings(server.port(), true, AkenzaUpstream.SECRET), null,
                    events, 100, loop)) {
                first.connect();
                server.drop();
                await().atMost(WAIT).until(() -> events.lost.size() == 1);
                assertEquals(List.of(-1), events.lost);
                assertFalse(first.isConnected());
            }
            try (NettyUpstream second = new NettyUpstream(settings(server.port(), true, AkenzaUpstream.SECRET), null,
                    events, 100, loop)) {
                second.connect();
                second.publish(uplink("dev-1", "again", MessageProperties.NONE), events);
                second.flush();
                await().atMost(WAIT).until(() -> server.held.get() == 1);
                assertEquals(2, server.connects.get());
            }
        }
    }

    @Test
    void downlinksArriveWithTheirPropertiesAndAreAcknowledged() throws Exception {
        Events events = new Events();
        try (CloudObserver cloud = new CloudObserver(upstream.port(), "/up/none", true);
                NettyUpstream client = new NettyUpstream(settings(upstream.port(), true, AkenzaUpstream.SECRET),
                        null, events, 100, loop)) {
            client.connect();
            List<Integer> granted = client.subscribe(List.of("/down/" + AkenzaUpstream.SECRET + "/id/+/#"), 1);
            assertEquals(1, granted.size());
            assertTrue(granted.get(0) < 0x80, "granted: " + granted);
            cloud.publish("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/cmd", "on", 1);
            cloud.publish("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/cmd", "off", 1);
            await().atMost(WAIT).until(() -> events.downlinks.size() == 2);
            assertEquals("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/cmd on qos1", events.downlinks.get(0));
            assertEquals("/down/" + AkenzaUpstream.SECRET + "/id/dev-1/cmd off qos1", events.downlinks.get(1));
            assertTrue(client.isConnected(), "acknowledged downlinks keep the connection up");
        }
    }

    @Test
    void badCredentialsAreRefusedWithTheReasonCodeOnBothProtocols() throws Exception {
        Events events = new Events();
        try (NettyUpstream v5 = new NettyUpstream(settings(upstream.port(), true, "wrong-secret"), null, events,
                100, loop)) {
            UpstreamException e = assertThrows(UpstreamException.class, v5::connect);
            assertTrue(e.getMessage().contains("0x86"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-secret"), "never the secret");
        }
        try (NettyUpstream v3 = new NettyUpstream(settings(upstream.port(), false, "wrong-secret"), null, events,
                100, loop)) {
            UpstreamException e = assertThrows(UpstreamException.class, v3::connect);
            assertTrue(e.getMessage().contains("0x04") || e.getMessage().contains("0x05"), e.getMessage());
        }
        assertTrue(events.lost.isEmpty(), "a refused connection was never established");
    }

    @Test
    void mqtt311PublishesWithinItsWindow() throws Exception {
        Events events = new Events();
        try (CloudObserver cloud = new CloudObserver(upstream.port(), "/up/#", true);
                NettyUpstream client = new NettyUpstream(settings(upstream.port(), false, AkenzaUpstream.SECRET),
                        null, events, 3, loop)) {
            client.connect();
            for (int i = 0; i < 20; i++) {
                client.publish(uplink("dev-1", "m" + i, MessageProperties.NONE), events);
            }
            client.flush();
            await().atMost(WAIT).until(() -> events.acknowledged.get() == 20 && cloud.received.size() == 20);
            for (int i = 0; i < 20; i++) {
                assertEquals("m" + i, cloud.received.get(i).payload(), "in order");
            }
        }
    }
}
