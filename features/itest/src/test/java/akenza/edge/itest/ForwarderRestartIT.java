// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Issue 14: devices keep publishing while the forwarder bundle is stopped and started again. A ledger of
 * every successful PUBACK is compared with what reached akenza (the HiveMQ CE stand-in): an uplink
 * acknowledged while no buffer could store it would never arrive, so every acknowledged uplink must.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ForwarderRestartIT extends GatewayTestBase {

    private static final String CONNECTOR_ID = "fedcba9876543210";
    private static final String CONNECTOR_SECRET = "restartsecret0123456789abcdefghi";
    private static final String DEVICE_V5 = "restart-v5";
    private static final String DEVICE_V3 = "restart-v3";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Acknowledged uplinks wanted in each phase in which the forwarder runs. */
    private static final int PER_PHASE = 30;
    /** Refused attempts wanted in each phase in which the forwarder is stopped. */
    private static final int REFUSED_PER_GAP = 5;

    private static String uri;
    private static String upstreamUri;

    @Override
    protected void startGateway() throws Exception {
        int upstreamPort = Integer.getInteger("itest.upstream.port");
        upstreamUri = "tcp://127.0.0.1:" + upstreamPort;
        int port = Ports.free();
        Gateway gateway = new Gateway(context, configAdmin);
        gateway.configure(Gateway.CREDENTIALS, Map.of("connector.1.id", CONNECTOR_ID, "connector.1.secret",
                CONNECTOR_SECRET, "connector.1.devices", DEVICE_V5 + "," + DEVICE_V3, "auth.failures.max", 0));
        gateway.configure(Gateway.TOPICS, Map.of());
        gateway.configure(Gateway.FORWARDER, Map.of("host", "127.0.0.1", "port", upstreamPort, "tls", false,
                "connector.id", AkenzaStandIn.CONNECTOR_ID, "connector.secret", AkenzaStandIn.SECRET,
                "client.id", "akenza-edge-itest-restart", "status.interval", 0, "buffer.fsync", false));
        gateway.configure(Gateway.BROKER, Map.of("tcp.port", port, "tls.enabled", false, "bind.address", "127.0.0.1"));
        Gateway.awaitListening(port);
        uri = "tcp://127.0.0.1:" + port;
    }

    @Test
    public void noUplinkIsAcknowledgedWhileTheForwarderIsStoppedOrRestarting() throws Exception {
        Bundle uplink = uplinkBundle();
        String run = UUID.randomUUID().toString();
        Set<String> arrived = ConcurrentHashMap.newKeySet();
        try (V5Device akenza = V5Device.connect(upstreamUri, "observer-" + run, AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD)) {
            akenza.subscribe("/up/#");
            Publisher v5 = new Publisher(DEVICE_V5, run, true);
            Publisher v3 = new Publisher(DEVICE_V3, run, false);
            Thread collector = collect(akenza, run, arrived);
            try {
                v5.start();
                v3.start();
                awaitAcked(v5, v3, PER_PHASE);
                // A stopped forwarder: its buffer is closed, the broker has no sink.
                uplink.stop();
                awaitRefused(v5, v3, REFUSED_PER_GAP);
                uplink.start();
                awaitAcked(v5, v3, PER_PHASE);
                // A quick restart under load: the moments between unbind and bind.
                uplink.stop();
                uplink.start();
                awaitAcked(v5, v3, PER_PHASE);
            } finally {
                v5.stop();
                v3.stop();
            }
            Set<String> acked = new TreeSet<>();
            acked.addAll(v5.acked);
            acked.addAll(v3.acked);
            Await.until("every acknowledged uplink upstream (" + acked.size() + " acknowledged)", DEADLINE,
                    () -> arrived.containsAll(acked));
            collector.interrupt();
            assertEquals("publishers failed: " + v5.failure.get() + " / " + v3.failure.get(), null,
                    v5.failure.get() == null ? v3.failure.get() : v5.failure.get());
            assertTrue("the refusals happened: " + v5.refused + " / " + v3.refused,
                    v5.refused.get() + v3.refused.get() >= REFUSED_PER_GAP);
            System.out.println("ForwarderRestartIT: " + acked.size() + " acknowledged, all upstream; "
                    + (v5.refused.get() + v3.refused.get()) + " attempts refused while the forwarder was away");
        }
    }

    private Bundle uplinkBundle() {
        for (Bundle b : context.getBundles()) {
            if ("akenza.edge.uplink".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("the uplink bundle is not installed");
    }

    private static void awaitAcked(Publisher v5, Publisher v3, int more) {
        int v5Target = v5.acked.size() + more;
        int v3Target = v3.acked.size() + more;
        Await.until(more + " more acknowledged uplinks per device", DEADLINE,
                () -> failed(v5, v3) || v5.acked.size() >= v5Target && v3.acked.size() >= v3Target);
    }

    private static void awaitRefused(Publisher v5, Publisher v3, int more) {
        int v5Target = v5.refused.get() + more;
        int v3Target = v3.refused.get() + more;
        Await.until(more + " more refused uplinks per device", DEADLINE,
                () -> failed(v5, v3) || v5.refused.get() >= v5Target && v3.refused.get() >= v3Target);
    }

    private static boolean failed(Publisher v5, Publisher v3) {
        if (v5.failure.get() != null || v3.failure.get() != null) {
            throw new AssertionError("a publisher failed", v5.failure.get() != null ? v5.failure.get()
                    : v3.failure.get());
        }
        return false;
    }

    private static Thread collect(V5Device akenza, String run, Set<String> arrived) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Delivery d = akenza.next(1000);
                    if (d != null && d.payload().endsWith(run)) {
                        arrived.add(d.payload());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "itest-upstream-collector");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * One device publishing numbered QoS 1 uplinks one after another, reconnecting whenever the broker closes
     * the connection; records each uplink it got a success PUBACK for.
     */
    private static final class Publisher {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final String deviceId;
        private final String run;
        private final boolean mqtt5;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Publisher(String deviceId, String run, boolean mqtt5) {
            this.deviceId = deviceId;
            this.run = run;
            this.mqtt5 = mqtt5;
            this.thread = new Thread(this::loop, "itest-publisher-" + deviceId);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        private void loop() {
            String topic = "/up/" + CONNECTOR_SECRET + "/id/" + deviceId;
            int n = 0;
            AutoCloseable client = null;
            try {
                while (running.get()) {
                    if (client == null) {
                        client = mqtt5 ? V5Device.connect(uri, deviceId, CONNECTOR_ID, CONNECTOR_SECRET)
                                : V3Device.connect(uri, deviceId, CONNECTOR_ID, CONNECTOR_SECRET);
                    }
                    String payload = deviceId + " " + n++ + " " + run;
                    boolean ok;
                    try {
                        if (client instanceof V5Device d5) {
                            ok = d5.publish(topic, payload) == 0;
                        } else {
                            ((V3Device) client).publish(topic, payload);
                            ok = true;
                        }
                    } catch (Exception e) {
                        ok = false; // the broker closed the connection instead of acknowledging
                    }
                    if (ok) {
                        acked.add(payload);
                        continue;
                    }
                    refused.incrementAndGet();
                    closeQuietly(client);
                    client = null;
                    // Paces reconnects while nothing can store uplinks (a device's retry delay).
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                closeQuietly(client);
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception e) {
                // already closed by the broker
            }
        }
    }
}
