// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * The gateway as an integrator deploys it: the .dp file itself is installed through Felix Deployment Admin
 * on top of the kura-platform feature (as Kura's Packages page does), the components are configured
 * through ConfigAdmin the way Kura's ConfigurationService does, and real MQTT clients exercise the whole
 * chain: device -> broker -> credentials -> topics -> forwarder -> akenza stand-in (HiveMQ CE), and a
 * downlink back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeploymentPackageInstallIT {

    private static final String JWT_DEVICE = "dev-jwt-1";
    private static final String CONNECTOR_DEVICE = "dev-conn-1";
    private static final String LOCAL_CONNECTOR = "0011223344556677";
    private static final String LOCAL_SECRET = "localsecret0123456789abcdefghijk";
    private static final long DEADLINE_MS = 30_000;

    @Inject
    private BundleContext context;

    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Inject
    private ConfigurationAdmin configAdmin;

    /** @return Kura's platform only, where the .dp lies, and the akenza stand-in's port */
    @Configuration
    public Option[] config() {
        int upstream = AkenzaStandIn.start();
        return options(Features.platform(),
                systemProperty("akenza.edge.dp.dir").value(System.getProperty("akenza.edge.dp.dir")),
                systemProperty("itest.upstream.port").value(Integer.toString(upstream)));
    }

    @Test
    public void installedPackageForwardsUplinksAndRelaysDownlinks() throws Exception {
        DeploymentPackage dp;
        try (InputStream in = Files.newInputStream(Features.deploymentPackage())) {
            dp = deploymentAdmin.installDeploymentPackage(in);
        }
        assertEquals("akenza.edge.dp", dp.getName());
        assertNotNull("api bundle installed by the package", find("akenza.edge.api"));

        Path home = Path.of(System.getProperty("akenza.edge.home"));
        DeviceKeys device = DeviceKeys.generate(JWT_DEVICE);
        device.register(home.resolve("devices"));
        int brokerPort = Ports.free();
        configure(brokerPort, Integer.getInteger("itest.upstream.port"));

        List<String> problems = FrameworkHealth.problems(context);
        assertTrue("framework problems after installing and configuring: " + problems, problems.isEmpty());

        String upstream = "tcp://127.0.0.1:" + Integer.getInteger("itest.upstream.port");
        V5Device observer = V5Device.connectWhenListening(upstream, "observer", AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD, DEADLINE_MS);
        observer.subscribe("/up/#");

        String gateway = "tcp://127.0.0.1:" + brokerPort;
        V5Device jwtDevice = V5Device.connectWhenListening(gateway, JWT_DEVICE, "unused", device.jwt(), DEADLINE_MS);
        jwtDevice.subscribe("/down/device/id/" + JWT_DEVICE + "/#");

        // An MQTT 5 uplink with a sub-topic, a content type and a user property.
        jwtDevice.publish("/up/device/id/" + JWT_DEVICE + "/alerts/critical", "21.5;48", "text/csv",
                Map.of("site", "lab"));
        Delivery up = next(observer, "the JWT device's uplink upstream");
        assertEquals("/up/" + AkenzaStandIn.SECRET + "/id/" + JWT_DEVICE + "/alerts/critical", up.topic());
        assertEquals("text/csv", up.contentType());
        assertEquals(Map.of("site", "lab"), up.userProperties());
        assertEquals("21.5;48", up.payload());

        // An uplink-secret device, as in akenza's uplink.py.
        V5Device connectorDevice = V5Device.connectWhenListening(gateway, "any-client-id", LOCAL_CONNECTOR,
                LOCAL_SECRET, DEADLINE_MS);
        connectorDevice.publish("/up/" + LOCAL_SECRET + "/id/" + CONNECTOR_DEVICE, "{\"foo\":\"bar\"}");
        Delivery up2 = next(observer, "the connector device's uplink upstream");
        assertEquals("/up/" + AkenzaStandIn.SECRET + "/id/" + CONNECTOR_DEVICE, up2.topic());

        // A downlink from akenza reaches the JWT device's subscription.
        observer.publish("/down/" + AkenzaStandIn.SECRET + "/id/" + JWT_DEVICE + "/myTopic", "{\"led\":1}");
        Delivery down = next(jwtDevice, "the downlink at the device");
        assertEquals("/down/device/id/" + JWT_DEVICE + "/myTopic", down.topic());

        // A token signed by another key is refused at CONNECT: MQTT 5 reason 0x86.
        try (V5Device forged = V5Device.connect(gateway, JWT_DEVICE, "unused", DeviceKeys.generate(JWT_DEVICE).jwt())) {
            fail("a token signed by another key must be refused");
        } catch (ConnectRefused e) {
            assertEquals("CONNACK reason", 0x86, e.code);
        }

        for (V5Device c : List.of(jwtDevice, connectorDevice, observer)) {
            c.close();
        }
        dp.uninstall();
        assertNull("uninstall removes our bundles", find("akenza.edge.api"));
    }

    /** Configures every component through ConfigAdmin as Kura's ConfigurationService does. */
    private void configure(int brokerPort, int upstreamPort) throws Exception {
        update("akenza.edge.broker.MqttBroker", "tcp.port", brokerPort, "tls.enabled", false,
                "bind.address", "127.0.0.1");
        update("akenza.edge.credentials.DeviceCredentials", "connector.1.id", LOCAL_CONNECTOR,
                "connector.1.secret", LOCAL_SECRET);
        update("akenza.edge.topics.TopicPolicy");
        update("akenza.edge.uplink.Forwarder", "host", "127.0.0.1", "port", upstreamPort, "tls", false,
                "connector.id", AkenzaStandIn.CONNECTOR_ID, "connector.secret", AkenzaStandIn.SECRET,
                "client.id", "akenza-edge-itest", "status.interval", 0);
    }

    private void update(String pid, Object... keyValues) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("kura.service.pid", pid);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        configAdmin.getConfiguration(pid, "?").update(props);
    }

    private static Delivery next(V5Device device, String what) throws InterruptedException {
        Delivery r = device.next(DEADLINE_MS);
        assertNotNull("timed out waiting for " + what, r);
        return r;
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
