// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import akenza.edge.testing.TcpProxy;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.CloudConnectionManager;
import org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.cloudconnection.subscriber.CloudSubscriber;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.message.KuraPayload;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 16: akenza as a Kura cloud connection, on the Kura platform set with the forwarder talking to the akenza
 * stand-in through a relay that can be cut. Connections and publishers are created the way Kura's Cloud
 * Connections page creates them (the factory, then ConfigurationService factory configurations); a Wires-like
 * consumer binds a publisher by target filter, as Wires' CloudPublisher component does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraCloudConnectionIT extends GatewayTestBase {

    private static final String ENDPOINT_FACTORY = "akenza.edge.kura.cloud.AkenzaCloudEndpoint";
    private static final String PUBLISHER_FACTORY = "akenza.edge.kura.cloud.AkenzaCloudPublisher";
    private static final String SUBSCRIBER_FACTORY = "akenza.edge.kura.cloud.AkenzaCloudSubscriber";
    private static final String CONNECTION = "akenza.edge.kura.cloud.CloudEndpoint";
    private static final String ENDPOINT_PID_PROP = "cloud.endpoint.service.pid";
    private static final String GATEWAY_DEVICE = "kura-gateway-1";
    private static final String SENSOR_DEVICE = "kura-sensor-1";
    private static final String ACTUATOR_DEVICE = "kura-actuator-1";
    private static final String UPSTREAM = "/up/" + AkenzaStandIn.SECRET + "/id/";
    private static final String CLOUD_DOWN = "/down/" + AkenzaStandIn.SECRET + "/id/";
    private static final long DEADLINE_MS = 30_000;

    @Inject
    private MetaTypeService metaType;

    private static TcpProxy relay;
    private static String upstreamUri;
    private static CloudConnectionFactory factory;

    /** @return the gateway, plus the shared fixtures as a bundle: the relay below runs inside the framework */
    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(), Features.testSupport());
    }

    @Override
    protected void startGateway() throws Exception {
        int upstreamPort = Integer.getInteger("itest.upstream.port");
        upstreamUri = "tcp://127.0.0.1:" + upstreamPort;
        relay = new TcpProxy(upstreamPort);
        context.registerService(ConfigurationService.class,
                new KuraConfigurationService(context, configAdmin, metaType), new Hashtable<>());
        Gateway gateway = new Gateway(context, configAdmin);
        gateway.configure(Gateway.TOPICS, Map.of());
        gateway.configure(Gateway.FORWARDER, Map.of("host", "127.0.0.1", "port", relay.port(), "tls", false,
                "connector.id", AkenzaStandIn.CONNECTOR_ID, "connector.secret", AkenzaStandIn.SECRET,
                "client.id", "akenza-edge-itest-kura-cloud", "status.interval", 0, "gateway.device.id", GATEWAY_DEVICE,
                "reconnect.min", 1, "reconnect.max", 2));

        factory = akenzaFactory();
        factory.createConfiguration(CONNECTION);
        Await.until("the akenza connection to be managed", Gateway.STARTUP,
                () -> factory.getManagedCloudConnectionPids().contains(CONNECTION));
        ConfigurationService cs = service(ConfigurationService.class, null);
        cs.createFactoryConfiguration(PUBLISHER_FACTORY, "pub-metrics", Map.of(ENDPOINT_PID_PROP, CONNECTION,
                "device.id", SENSOR_DEVICE, "topic", "sensors/temperature"), true);
        cs.createFactoryConfiguration(PUBLISHER_FACTORY, "pub-csv", Map.of(ENDPOINT_PID_PROP, CONNECTION,
                "payload", "body", "content.type", "text/csv"), true);
        cs.createFactoryConfiguration(SUBSCRIBER_FACTORY, "sub-actuator", Map.of(ENDPOINT_PID_PROP, CONNECTION,
                "device.id", ACTUATOR_DEVICE, "topic", "cmd/#"), true);
        CloudConnectionManager manager = service(CloudConnectionManager.class, "(kura.service.pid=" + CONNECTION + ")");
        Await.until("the akenza connection to be connected", Gateway.STARTUP, manager::isConnected);
    }

    @Test
    public void theFactoryListsAndCreatesConnectionsAsKurasCloudConnectionsPageCallsIt() throws Exception {
        ServiceReference<CloudConnectionFactory> ref = context.getServiceReferences(CloudConnectionFactory.class, null)
                .stream().filter(r -> ENDPOINT_FACTORY.equals(context.getService(r).getFactoryPid())).findFirst()
                .orElseThrow();
        // What the New Connection dialog proposes and checks.
        assertEquals(CONNECTION, ref.getProperty("kura.ui.csf.pid.default"));
        String regex = (String) ref.getProperty("kura.ui.csf.pid.regex");
        assertTrue(CONNECTION.matches(regex) && (CONNECTION + "-second").matches(regex));

        String second = CONNECTION + "-second";
        factory.createConfiguration(second);
        Await.until("the second connection to be managed", Gateway.STARTUP,
                () -> factory.getManagedCloudConnectionPids().equals(Set.of(CONNECTION, second)));
        assertEquals(List.of(second, Gateway.FORWARDER), factory.getStackComponentsPids(second));
        try {
            factory.createConfiguration("org.eclipse.kura.cloud.CloudService-x");
            fail("a foreign pid must be refused");
        } catch (KuraException expected) {
            // the page shows the error
        }
        factory.deleteConfiguration(second);
        Await.until("the second connection to be gone", Gateway.STARTUP,
                () -> factory.getManagedCloudConnectionPids().equals(Set.of(CONNECTION)));

        // The New Publisher dialog lists publisher types from SCR's descriptions: service.pid + the factory pid.
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        for (String pubSub : List.of(PUBLISHER_FACTORY, SUBSCRIBER_FACTORY)) {
            ComponentDescriptionDTO d = scr.getComponentDescriptionDTOs().stream()
                    .filter(c -> c.name.equals(pubSub)).findFirst().orElseThrow();
            assertEquals(pubSub, d.properties.get("service.pid"));
            assertEquals(ENDPOINT_FACTORY, d.properties.get("cloud.connection.factory.pid"));
        }
        // ... and the instances by their cloud.endpoint.service.pid and service.factoryPid; service.pid must stay
        // one String (Kura's ConfigurationService reads it), the configuration's own.
        ServiceReference<CloudPublisher> pub = context.getServiceReferences(CloudPublisher.class,
                "(kura.service.pid=pub-metrics)").iterator().next();
        assertEquals(CONNECTION, pub.getProperty(ENDPOINT_PID_PROP));
        assertEquals(PUBLISHER_FACTORY, pub.getProperty("service.factoryPid"));
        assertTrue(pub.getProperty("service.pid") instanceof String);
        assertNotEquals(PUBLISHER_FACTORY, pub.getProperty("service.pid"));
    }

    @Test
    public void wiresLikeConsumerPublishesMetricsAndBodyThroughTheBufferAcrossAnOutage() throws Exception {
        CloudPublisher metrics = bindByTarget("pub-metrics");
        CloudPublisher csv = bindByTarget("pub-csv");
        BlockingQueue<String> confirmed = new LinkedBlockingQueue<>();
        metrics.registerCloudDeliveryListener(confirmed::add);
        csv.registerCloudDeliveryListener(confirmed::add);
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger established = new AtomicInteger();
        metrics.registerCloudConnectionListener(new CloudConnectionListener() {
            @Override
            public void onDisconnected() {
                lost.incrementAndGet();
            }

            @Override
            public void onConnectionLost() {
                lost.incrementAndGet();
            }

            @Override
            public void onConnectionEstablished() {
                established.incrementAndGet();
            }
        });
        CloudConnectionManager manager = service(CloudConnectionManager.class, "(kura.service.pid=" + CONNECTION + ")");
        String run = UUID.randomUUID().toString();
        try (V5Device akenza = observer()) {
            relay.down();
            Await.until("the connection to be lost", Gateway.STARTUP, () -> !manager.isConnected() && lost.get() > 0);

            // Published while akenza is unreachable: they wait in the buffer.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                KuraPayload p = new KuraPayload();
                p.setTimestamp(new Date(1_767_268_800_000L + i));
                p.addMetric("temperature", 20.5 + i);
                p.addMetric("run", run);
                ids.add(metrics.publish(new KuraMessage(p)));
            }
            KuraPayload body = new KuraPayload();
            body.setBody(("a,b\n1,2 " + run).getBytes(StandardCharsets.UTF_8));
            ids.add(csv.publish(new KuraMessage(body)));
            assertEquals("QoS 1 messages get ids", 4, ids.stream().filter(id -> id != null).distinct().count());
            assertTrue("nothing is confirmed while akenza is unreachable", confirmed.isEmpty());

            relay.up();
            List<Delivery> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (seen.size() < 4) {
                Delivery d = akenza.next(Math.max(1, deadline - System.currentTimeMillis()));
                assertNotNull("timed out upstream; saw " + seen, d);
                if (d.payload().contains(run)) {
                    seen.add(d);
                }
            }
            List<Delivery> json = seen.stream().filter(d -> d.topic().startsWith(UPSTREAM + SENSOR_DEVICE)).toList();
            assertEquals(3, json.size());
            for (int i = 0; i < 3; i++) {
                Delivery d = json.get(i);
                assertEquals(UPSTREAM + SENSOR_DEVICE + "/sensors/temperature", d.topic());
                assertEquals("application/json", d.contentType());
                JsonObject o = JsonParser.parseString(d.payload()).getAsJsonObject();
                assertEquals("in order, nothing lost", 20.5 + i, o.get("temperature").getAsDouble(), 0.0);
                assertEquals(run, o.get("run").getAsString());
                assertEquals(new Date(1_767_268_800_000L + i).toInstant().toString(),
                        o.get("timestamp").getAsString());
            }
            assertEquals(new Delivery(UPSTREAM + GATEWAY_DEVICE, "a,b\n1,2 " + run, "text/csv", Map.of()),
                    seen.stream().filter(d -> !json.contains(d)).findFirst().orElseThrow());
            for (int i = 0; i < 4; i++) {
                String id = confirmed.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
                assertNotNull("delivery confirmations for " + ids + "; got " + i, id);
                assertTrue(ids.contains(id));
            }
            Await.until("the connection listeners to hear it back", Gateway.STARTUP, () -> established.get() > 0);
        } finally {
            relay.up();
        }
    }

    @Test
    public void bodyModeWithoutBodyIsRefused() throws Exception {
        CloudPublisher csv = bindByTarget("pub-csv");
        KuraPayload p = new KuraPayload();
        p.addMetric("x", 1);
        try {
            csv.publish(new KuraMessage(p));
            fail("a message without body cannot go out in body mode");
        } catch (KuraException expected) {
            // as Kura's raw MQTT publisher
        }
    }

    @Test
    public void aCloudSubscriberReceivesItsDevicesDownlinks() throws Exception {
        CloudSubscriber subscriber = service(CloudSubscriber.class, "(kura.service.pid=sub-actuator)");
        BlockingQueue<KuraMessage> received = new LinkedBlockingQueue<>();
        subscriber.registerCloudSubscriberListener(received::add);
        String run = UUID.randomUUID().toString();
        String json = "{\"on\":true,\"level\":3,\"run\":\"" + run + "\",\"nested\":{\"a\":1}}";
        try (V5Device akenza = observer()) {
            // Another device's downlink and another topic must not arrive; the forwarder may still be
            // (re)subscribing upstream, so the downlink is repeated until it arrives.
            KuraMessage m = null;
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (m == null && System.currentTimeMillis() < deadline) {
                akenza.publish(CLOUD_DOWN + SENSOR_DEVICE + "/cmd/led", "{\"other\":\"" + run + "\"}");
                akenza.publish(CLOUD_DOWN + ACTUATOR_DEVICE + "/config", "{\"other\":\"" + run + "\"}");
                akenza.publish(CLOUD_DOWN + ACTUATOR_DEVICE + "/cmd/led", json);
                m = received.poll(500, TimeUnit.MILLISECONDS);
            }
            assertNotNull("no downlink arrived", m);
            assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), m.getPayload().getBody());
            assertEquals(true, m.getPayload().getMetric("on"));
            assertEquals(3L, m.getPayload().getMetric("level"));
            assertEquals(run, m.getPayload().getMetric("run"));
            assertNull("nested members stay in the body", m.getPayload().getMetric("nested"));
            assertEquals(ACTUATOR_DEVICE, m.getProperties().get("device.id"));
            assertEquals("cmd/led", m.getProperties().get("topic"));
            KuraMessage next;
            while ((next = received.poll(200, TimeUnit.MILLISECONDS)) != null) {
                assertFalse("only the actuator's cmd downlinks", next.getPayload().getBody().length > 0
                        && new String(next.getPayload().getBody(), StandardCharsets.UTF_8).contains("other"));
            }
        }
    }

    /** Binds a publisher the way Wires' CloudPublisher component does: by a target filter on kura.service.pid. */
    private CloudPublisher bindByTarget(String kuraServicePid) throws Exception {
        ServiceTracker<CloudPublisher, CloudPublisher> t = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + CloudPublisher.class.getName() + ")(kura.service.pid="
                        + kuraServicePid + "))"), null);
        t.open();
        CloudPublisher p = t.waitForService(Gateway.STARTUP.toMillis());
        assertNotNull("publisher " + kuraServicePid, p);
        return p;
    }

    private static CloudConnectionFactory akenzaFactory() throws Exception {
        CloudConnectionFactory[] found = new CloudConnectionFactory[1];
        Await.until("the akenza cloud connection factory", Gateway.STARTUP, () -> {
            for (ServiceReference<CloudConnectionFactory> r : ctx().getServiceReferences(CloudConnectionFactory.class,
                    null)) {
                CloudConnectionFactory f = ctx().getService(r);
                if (ENDPOINT_FACTORY.equals(f.getFactoryPid())) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static BundleContext ctx() {
        return FrameworkUtil.getBundle(KuraCloudConnectionIT.class).getBundleContext();
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        @SuppressWarnings("unchecked")
        T[] found = (T[]) new Object[1];
        Await.until(type.getSimpleName() + " " + filter, Gateway.STARTUP, () -> {
            var refs = context.getServiceReferences(type, filter);
            if (refs.isEmpty()) {
                return false;
            }
            found[0] = context.getService(refs.iterator().next());
            return found[0] != null;
        });
        return found[0];
    }

    private static V5Device observer() throws Exception {
        V5Device observer = V5Device.connect(upstreamUri, "observer-" + UUID.randomUUID(), AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD);
        assertArrayEquals(new int[] {1}, observer.subscribe("/up/#"));
        return observer;
    }
}
