// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 5 through broker + credentials + topics + forwarder with real clients: a device may publish and
 * subscribe only as itself, every accepted uplink reaches akenza (the HiveMQ CE stand-in) under the right
 * device id and topic, and a cloud downlink reaches only the device it is for.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceTopicsIT extends GatewayTestBase {

    private static final String DEVICE_A = "topics-a";
    private static final String DEVICE_B = "topics-b";
    private static final String DEVICE_C = "topics-c";
    private static final String CONNECTOR_ID = "0123456789abcdef";
    private static final String CONNECTOR_SECRET = "connectorsecret0123456789abcdefg";
    private static final String CONNECTOR_DEVICE = "topics-conn-1";
    private static final String UPSTREAM = "/up/" + AkenzaStandIn.SECRET + "/id/";
    private static final String CLOUD_DOWN = "/down/" + AkenzaStandIn.SECRET + "/id/";
    private static final long DEADLINE_MS = 30_000;
    /** How long a message that must not arrive is given to arrive anyway. */
    private static final long QUIET_MS = 1_500;

    private static final int V5_SUCCESS = 0x00;
    private static final int V5_NOT_AUTHORIZED = 0x87;
    private static final int V3_SUBACK_FAILURE = 0x80;
    private static final int GRANTED_QOS_1 = 1;

    private static JwtDevice a;
    private static JwtDevice b;
    private static JwtDevice c;
    private static String uri;
    private static String upstreamUri;

    @Override
    protected void startGateway() throws Exception {
        Path devices = Path.of(System.getProperty("akenza.edge.home")).resolve("devices");
        a = JwtDevice.rsa(DEVICE_A);
        b = JwtDevice.ec(DEVICE_B);
        c = JwtDevice.rsa(DEVICE_C);
        for (JwtDevice d : List.of(a, b, c)) {
            d.register(devices);
        }
        int upstreamPort = Integer.getInteger("itest.upstream.port");
        upstreamUri = "tcp://127.0.0.1:" + upstreamPort;

        int port = Ports.free();
        Gateway gateway = new Gateway(context, configAdmin);
        gateway.configure(Gateway.CREDENTIALS, Map.of("connector.1.id", CONNECTOR_ID, "connector.1.secret",
                CONNECTOR_SECRET, "connector.1.devices", CONNECTOR_DEVICE, "auth.failures.max", 0));
        gateway.configure(Gateway.TOPICS, Map.of());
        gateway.configure(Gateway.FORWARDER, Map.of("host", "127.0.0.1", "port", upstreamPort, "tls", false,
                "connector.id", AkenzaStandIn.CONNECTOR_ID, "connector.secret", AkenzaStandIn.SECRET,
                "client.id", "akenza-edge-itest-topics", "status.interval", 0));
        gateway.configure(Gateway.BROKER, Map.of("tcp.port", port, "tls.enabled", false, "bind.address", "127.0.0.1"));
        Gateway.awaitListening(port);
        uri = "tcp://127.0.0.1:" + port;
    }

    @Test
    public void everyAcceptedUplinkReachesAkenzaWithItsDeviceAndTopic() throws Exception {
        try (V5Device akenza = akenza();
                V5Device a5 = V5Device.connect(uri, DEVICE_A, "unused", a.token());
                V3Device b3 = V3Device.connect(uri, DEVICE_B, "unused", b.token());
                V5Device conn = V5Device.connect(uri, "any-client-id", CONNECTOR_ID, CONNECTOR_SECRET)) {
            String run = UUID.randomUUID().toString();
            assertEquals(V5_SUCCESS, a5.publish("/up/device/id/" + DEVICE_A + "/alerts/critical", "a1 " + run));
            assertEquals(V5_SUCCESS, a5.publish("/up/device/id/" + DEVICE_A, "a2 " + run));
            b3.publish("/up/device/id/" + DEVICE_B + "/temperature", "b1 " + run);
            b3.publish("/up/device/id/" + DEVICE_B, "b2 " + run);
            assertEquals(V5_SUCCESS, conn.publish("/up/" + CONNECTOR_SECRET + "/id/" + CONNECTOR_DEVICE + "/x/y",
                    "c1 " + run));

            // The akenza topic travels as the device's levels: akenza derives alerts_critical, default, ...
            List<Delivery> expected = List.of(
                    new Delivery(UPSTREAM + DEVICE_A + "/alerts/critical", "a1 " + run),
                    new Delivery(UPSTREAM + DEVICE_A, "a2 " + run),
                    new Delivery(UPSTREAM + DEVICE_B + "/temperature", "b1 " + run),
                    new Delivery(UPSTREAM + DEVICE_B, "b2 " + run),
                    new Delivery(UPSTREAM + CONNECTOR_DEVICE + "/x/y", "c1 " + run));
            List<Delivery> seen = upstreamUntil(akenza, expected.get(expected.size() - 1), run);
            assertEquals(expected.size(), seen.size());
            assertTrue("upstream saw " + seen, seen.containsAll(expected));
            assertEquals("one device's uplinks keep their order", List.of(expected.get(0), expected.get(1)),
                    seen.stream().filter(d -> d.topic().startsWith(UPSTREAM + DEVICE_A)).toList());
        }
    }

    @Test
    public void deviceCannotPublishAsAnotherDeviceOverMqtt5() throws Exception {
        try (V5Device akenza = akenza();
                V5Device a5 = V5Device.connect(uri, DEVICE_A, "unused", a.token());
                V5Device conn = V5Device.connect(uri, "conn-client-5", CONNECTOR_ID, CONNECTOR_SECRET)) {
            String run = UUID.randomUUID().toString();
            assertEquals("JWT device A as B", V5_NOT_AUTHORIZED,
                    a5.publish("/up/device/id/" + DEVICE_B, "spoof " + run));
            assertEquals("JWT device A through a connector topic", V5_NOT_AUTHORIZED,
                    a5.publish("/up/" + CONNECTOR_SECRET + "/id/" + DEVICE_A, "spoof " + run));
            assertEquals("connector client for a device it does not allow", V5_NOT_AUTHORIZED,
                    conn.publish("/up/" + CONNECTOR_SECRET + "/id/" + DEVICE_B, "spoof " + run));
            assertEquals("connector client with another secret", V5_NOT_AUTHORIZED,
                    conn.publish("/up/" + AkenzaStandIn.SECRET + "/id/" + CONNECTOR_DEVICE, "spoof " + run));
            assertEquals("connector client in the JWT form", V5_NOT_AUTHORIZED,
                    conn.publish("/up/device/id/" + CONNECTOR_DEVICE, "spoof " + run));
            assertTrue("MQTT 5 refusals keep the connection", a5.isConnected() && conn.isConnected());
            // Paho 5 drops its own connection after a failing PUBREC ("halting QoS 2 flow"): use a client of its own.
            try (V5Device qos2 = V5Device.connect(uri, DEVICE_C, "unused", c.token())) {
                assertEquals("JWT device C as B at QoS 2: PUBREC", V5_NOT_AUTHORIZED,
                        qos2.publish("/up/device/id/" + DEVICE_B + "/qos2", "spoof " + run, 2));
            }

            // A marker after the refusals: the forwarder keeps order, so nothing refused may arrive before it.
            assertEquals("QoS 2 uplinks are accepted", V5_SUCCESS,
                    a5.publish("/up/device/id/" + DEVICE_A + "/marker", "marker " + run, 2));
            List<Delivery> seen = upstreamUntil(akenza, new Delivery(UPSTREAM + DEVICE_A + "/marker", "marker " + run),
                    run);
            assertEquals("only the marker went upstream: " + seen, 1, seen.size());
        }
    }

    @Test
    public void hostileUplinkTopicsAreRefusedAndNeverForwarded() throws Exception {
        String own = "/up/device/id/" + DEVICE_A;
        try (V5Device akenza = akenza(); V5Device a5 = V5Device.connect(uri, DEVICE_A, "unused", a.token())) {
            String run = UUID.randomUUID().toString();
            // (".." below the device id is only a literal level in MQTT: it stays in A's own tree)
            for (String topic : List.of(own + "/", own + "//x", own + "/1/2/3/4/5/6/7/8/9", "/up/device/id/..",
                    "/up/device/id/.", "/up/device/id", "/up/device/id/", "/up/device",
                    "/down/device/id/" + DEVICE_B)) {
                assertEquals("PUBACK for " + topic, V5_NOT_AUTHORIZED, a5.publish(topic, "hostile " + run));
            }
            assertTrue("refusals keep the connection", a5.isConnected());
            assertEquals("eight sub-topic levels are fine", V5_SUCCESS,
                    a5.publish(own + "/1/2/3/4/5/6/7/8", "marker " + run));
            List<Delivery> seen = upstreamUntil(akenza,
                    new Delivery(UPSTREAM + DEVICE_A + "/1/2/3/4/5/6/7/8", "marker " + run), run);
            assertEquals("only the marker went upstream: " + seen, 1, seen.size());
        }
    }

    @Test
    public void deviceCannotPublishAsAnotherDeviceOverMqtt311() throws Exception {
        String run = UUID.randomUUID().toString();
        V3Device a3 = V3Device.connect(uri, DEVICE_A, "unused", a.token());
        try {
            a3.publish("/up/device/id/" + DEVICE_B + "/temperature", "spoof " + run);
        } catch (Exception expected) {
            // 3.1.1 cannot refuse a PUBLISH: the broker closes the connection, so the PUBACK never comes
        }
        Await.until("the broker to close the connection of a device publishing as another",
                Duration.ofSeconds(10), () -> !a3.isConnected());
        a3.close();

        try (V3Device conn = V3Device.connect(uri, "conn-client-6", CONNECTOR_ID, CONNECTOR_SECRET)) {
            try {
                conn.publish("/up/" + CONNECTOR_SECRET + "/id/" + DEVICE_C, "spoof " + run);
            } catch (Exception expected) {
                // as above
            }
            Await.until("the broker to close the connection of a connector publishing for a device it does not "
                    + "allow", Duration.ofSeconds(10), () -> !conn.isConnected());
        }

        try (V5Device akenza = akenza(); V3Device c3 = V3Device.connect(uri, DEVICE_C, "unused", c.token())) {
            c3.publish("/up/device/id/" + DEVICE_C + "/marker", "marker " + run);
            List<Delivery> seen = upstreamUntil(akenza, new Delivery(UPSTREAM + DEVICE_C + "/marker", "marker " + run),
                    run);
            assertEquals("only the marker went upstream: " + seen, 1, seen.size());
        }
    }

    @Test
    public void deviceCannotSubscribeToAnotherDevicesDownlinksAndTheRestIsServed() throws Exception {
        try (V5Device akenza = akenza();
                V5Device a5 = V5Device.connect(uri, DEVICE_A, "unused", a.token());
                V3Device b3 = V3Device.connect(uri, DEVICE_B, "unused", b.token())) {
            assertArrayEquals("MQTT 5 SUBACK: own tree granted, B's tree and wider filters refused",
                    new int[] {GRANTED_QOS_1, V5_NOT_AUTHORIZED, V5_NOT_AUTHORIZED, V5_NOT_AUTHORIZED},
                    a5.subscribe("/down/device/id/" + DEVICE_A + "/#", "/down/device/id/" + DEVICE_B + "/#",
                            "/down/device/id/+/#", "#"));
            assertArrayEquals("MQTT 3.1.1 SUBACK: own tree granted, A's tree and wider filters refused",
                    new int[] {V3_SUBACK_FAILURE, GRANTED_QOS_1, V3_SUBACK_FAILURE},
                    b3.subscribe("/down/device/id/" + DEVICE_A + "/#", "/down/device/id/" + DEVICE_B + "/#",
                            "/down/#"));
            assertTrue("refused filters keep the connection", a5.isConnected() && b3.isConnected());

            String run = UUID.randomUUID().toString();
            cloudDownlink(akenza, DEVICE_A, "cmd", "for a " + run);
            assertEquals(new Delivery("/down/device/id/" + DEVICE_A + "/cmd", "for a " + run),
                    next(a5, "A's downlink"));
            cloudDownlink(akenza, DEVICE_B, "cmd", "for b " + run);
            assertEquals("B's granted filter is served, and A's downlink did not come through a refused one",
                    new Delivery("/down/device/id/" + DEVICE_B + "/cmd", "for b " + run), next(b3, "B's downlink"));
            assertNull("A must not get B's downlink", a5.next(QUIET_MS));
            assertNull("B must not get anything more", b3.next(QUIET_MS));
        }
    }

    @Test
    public void cloudDownlinkReachesOnlyTheRightDevice() throws Exception {
        try (V5Device akenza = akenza();
                V5Device a5 = V5Device.connect(uri, DEVICE_A, "unused", a.token());
                V5Device b5 = V5Device.connect(uri, DEVICE_B, "unused", b.token());
                V3Device c3 = V3Device.connect(uri, DEVICE_C, "unused", c.token());
                V5Device conn = V5Device.connect(uri, "conn-client-7", CONNECTOR_ID, CONNECTOR_SECRET)) {
            assertArrayEquals(new int[] {GRANTED_QOS_1}, a5.subscribe("/down/device/id/" + DEVICE_A + "/#"));
            assertArrayEquals(new int[] {GRANTED_QOS_1}, b5.subscribe("/down/device/id/" + DEVICE_B + "/#"));
            assertArrayEquals(new int[] {GRANTED_QOS_1}, c3.subscribe("/down/device/id/" + DEVICE_C));
            assertArrayEquals(new int[] {GRANTED_QOS_1},
                    conn.subscribe("/down/" + CONNECTOR_SECRET + "/id/" + CONNECTOR_DEVICE + "/#"));

            String run = UUID.randomUUID().toString();
            cloudDownlink(akenza, DEVICE_A, "led/on", "a " + run);
            assertEquals(new Delivery("/down/device/id/" + DEVICE_A + "/led/on", "a " + run), next(a5, "A's downlink"));
            cloudDownlink(akenza, DEVICE_C, null, "c " + run);
            assertEquals(new Delivery("/down/device/id/" + DEVICE_C, "c " + run), next(c3, "C's downlink (3.1.1)"));
            cloudDownlink(akenza, CONNECTOR_DEVICE, "cfg", "conn " + run);
            assertEquals(new Delivery("/down/" + CONNECTOR_SECRET + "/id/" + CONNECTOR_DEVICE + "/cfg", "conn " + run),
                    next(conn, "the connector device's downlink"));

            assertNull("B must get none of the others' downlinks", b5.next(QUIET_MS));
            assertNull("A got one downlink only", a5.next(0));
            assertNull("C got one downlink only", c3.next(0));
            assertNull("the connector client got one downlink only", conn.next(0));
        }
    }

    /** @return a client at the akenza stand-in that sees every uplink; closed by each test */
    private static V5Device akenza() throws Exception {
        V5Device observer = V5Device.connect(upstreamUri, "observer-" + UUID.randomUUID(), AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD);
        assertArrayEquals(new int[] {GRANTED_QOS_1}, observer.subscribe("/up/#"));
        return observer;
    }

    /** Publishes as akenza would: {@code /down/<upstream secret>/id/<deviceId>[/topic]}. */
    private static void cloudDownlink(V5Device akenza, String deviceId, String topic, String payload)
            throws Exception {
        assertEquals(V5_SUCCESS, akenza.publish(CLOUD_DOWN + deviceId + (topic == null ? "" : "/" + topic), payload));
    }

    /**
     * @param akenza the observer at the stand-in
     * @param last the message that ends the wait
     * @param run the marker in this test's payloads; other messages are skipped
     * @return this test's messages seen upstream, up to and including {@code last}
     */
    private static List<Delivery> upstreamUntil(V5Device akenza, Delivery last, String run)
            throws InterruptedException {
        List<Delivery> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (true) {
            Delivery d = akenza.next(Math.max(1, deadline - System.currentTimeMillis()));
            assertNotNull("timed out waiting upstream for " + last + "; saw " + seen, d);
            if (d.topic().startsWith("/up/") && d.payload().endsWith(run)) {
                seen.add(d);
            }
            if (seen.contains(last)) {
                return seen;
            }
        }
    }

    private static Delivery next(V5Device device, String what) throws InterruptedException {
        return received(device.next(DEADLINE_MS), what);
    }

    private static Delivery next(V3Device device, String what) throws InterruptedException {
        return received(device.next(DEADLINE_MS), what);
    }

    private static Delivery received(Delivery d, String what) {
        assertNotNull("timed out waiting for " + what, d);
        return d;
    }
}
