// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Our package on Kura's Deployment Admin (Felix 0.9.5, which refuses a package when another package owns a bundle
 * of the same symbolic name): it installs beside another vendor's package that ships Paho under its public name,
 * upgrades to its next build keeping every configuration and the uplinks buffered while akenza was unreachable,
 * and uninstalls without leaving a bundle, a service or a listening port behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING) // the refusal check first: it needs the Paho owner uninstalled after it
public class DeploymentAdminSafetyIT {

    private static final String PAHO_OWNER = "com.example.paho.owner";
    private static final String CONNECTOR = "0011223344556677";
    private static final String CONNECTOR_SECRET = "localsecret0123456789abcdefghijk";
    private static final int UPLINKS = 5;
    private static final List<String> PIDS = List.of(Gateway.BROKER, Gateway.CREDENTIALS, Gateway.TOPICS,
            Gateway.FORWARDER);

    @Inject
    private BundleContext context;

    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Inject
    private ConfigurationAdmin configAdmin;

    /** @return Kura's platform only, our .dp, Paho's public bundle, and the akenza stand-in's port */
    @Configuration
    public Option[] config() {
        int upstream = AkenzaStandIn.start();
        return options(Features.platform(),
                systemProperty("akenza.edge.dp.dir").value(System.getProperty("akenza.edge.dp.dir")),
                systemProperty("itest.paho.mqttv3.jar").value(System.getProperty("itest.paho.mqttv3.jar")),
                systemProperty("itest.upstream.port").value(Integer.toString(upstream)));
    }

    /** The check the other test relies on is live: a second package shipping a bundle name already owned fails. */
    @Test
    public void deploymentAdminRefusesASecondOwnerOfABundleName() throws Exception {
        DeploymentPackage owner = install(DeploymentPackages.of(PAHO_OWNER, "1.0.0", pahoJar()));
        try {
            install(DeploymentPackages.of("com.example.paho.second", "1.0.0", pahoJar()));
            fail("Deployment Admin must refuse a second package owning org.eclipse.paho.client.mqttv3");
        } catch (DeploymentException e) {
            assertEquals("bundle sharing violation", DeploymentException.CODE_BUNDLE_SHARING_VIOLATION, e.getCode());
        } finally {
            owner.uninstall();
        }
    }

    @Test
    public void installsBesidePahoOwnerUpgradesKeepingStateAndUninstallsWithoutTrace() throws Exception {
        // The other vendor's package stays installed to the end (the framework goes with the test class): the test
        // clients below are Paho v3 clients wired to its bundle, loaded before ours exists, so that updating and
        // uninstalling our package never refreshes this test's own bundle.
        install(DeploymentPackages.of(PAHO_OWNER, "1.0.0", pahoJar()));
        assertNotNull(find("org.eclipse.paho.client.mqttv3"));
        String upstream = "tcp://127.0.0.1:" + Integer.getInteger("itest.upstream.port");
        V3Device observer = V3Device.connect(upstream, "dp-observer", AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD);
        observer.subscribe("/up/#");

        DeploymentPackage ours;
        try (InputStream in = Files.newInputStream(Features.deploymentPackage())) {
            ours = install(in);
        }
        Set<String> ourBundles = new TreeSet<>();
        for (var info : ours.getBundleInfos()) {
            ourBundles.add(info.getSymbolicName());
        }
        int brokerPort = Ports.free();
        int tlsPort = Ports.free();
        configure(brokerPort, tlsPort);
        Gateway.awaitListening(brokerPort);
        Gateway.awaitListening(tlsPort);
        List<String> problems = FrameworkHealth.problems(context);
        assertTrue("installed beside another package's Paho: " + problems, problems.isEmpty());

        // Uplinks accepted while the forwarder has no upstream secret yet: they wait in the durable buffer.
        String gateway = "tcp://127.0.0.1:" + brokerPort;
        V3Device device = V3Device.connect(gateway, "dp-device", CONNECTOR, CONNECTOR_SECRET);
        for (int i = 0; i < UPLINKS; i++) {
            device.publish("/up/" + CONNECTOR_SECRET + "/id/dev-dp/seq", "u" + i); // returns on PUBACK
        }
        device.close();
        Map<String, Map<String, Object>> configsBefore = configurations();
        Version brokerBefore = find("akenza.edge.broker").getVersion();

        // The next build of our package.
        DeploymentPackage next = install(DeploymentPackages.nextBuild(Features.deploymentPackage()));
        assertEquals(DeploymentPackages.next(ours.getVersion().toString()), next.getVersion().toString());
        assertNotEquals("the broker bundle was updated", brokerBefore, find("akenza.edge.broker").getVersion());
        assertEquals("every configuration kept", configsBefore, configurations());
        Gateway.awaitListening(brokerPort);
        problems = FrameworkHealth.problems(context);
        assertTrue("after the upgrade: " + problems, problems.isEmpty());

        // Now the upstream secret: the uplinks buffered before the upgrade reach akenza, in order.
        update(Gateway.FORWARDER, "connector.secret", AkenzaStandIn.SECRET);
        for (int i = 0; i < UPLINKS; i++) {
            Delivery up = observer.next(Gateway.STARTUP.toMillis());
            assertNotNull("buffered uplink " + i + " upstream after the upgrade", up);
            assertEquals("u" + i, up.payload());
        }
        observer.close();

        next.uninstall();
        for (String bsn : ourBundles) {
            assertFalse(bsn + " left behind", find(bsn) != null);
        }
        assertEquals("services left behind", List.of(), ourServices());
        awaitNotListening(brokerPort);
        awaitNotListening(tlsPort);
        assertNotNull("the other package's Paho is untouched", find("org.eclipse.paho.client.mqttv3"));
    }

    private DeploymentPackage install(InputStream dp) throws DeploymentException {
        try (InputStream in = dp) {
            return deploymentAdmin.installDeploymentPackage(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pahoJar() {
        return Path.of(System.getProperty("itest.paho.mqttv3.jar"));
    }

    private void configure(int brokerPort, int tlsPort) throws Exception {
        update(Gateway.BROKER, "tcp.port", brokerPort, "tls.enabled", true, "tls.port", tlsPort, "bind.address",
                "127.0.0.1");
        update(Gateway.CREDENTIALS, "connector.1.id", CONNECTOR, "connector.1.secret", CONNECTOR_SECRET);
        update(Gateway.TOPICS);
        update(Gateway.FORWARDER, "host", "127.0.0.1", "port", Integer.getInteger("itest.upstream.port"), "tls", false,
                "connector.id", AkenzaStandIn.CONNECTOR_ID, "client.id", "akenza-edge-dp-itest", "status.interval", 0);
    }

    /** Adds to a component's configuration through ConfigAdmin, keeping what is there, as Kura does. */
    private void update(String pid, Object... keyValues) throws Exception {
        // qualified: ConfigAdmin's Configuration shares its simple name with the imported Pax Exam annotation
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("kura.service.pid", pid);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    private Map<String, Map<String, Object>> configurations() throws IOException {
        Map<String, Map<String, Object>> all = new HashMap<>();
        for (String pid : PIDS) {
            Dictionary<String, Object> d = configAdmin.getConfiguration(pid, "?").getProperties();
            Map<String, Object> m = new HashMap<>();
            for (String k : Collections.list(d.keys())) {
                m.put(k, d.get(k));
            }
            all.put(pid, m);
        }
        return all;
    }

    /** @return every service registered under one of our interfaces or Kura's ConfigurableComponent */
    private List<String> ourServices() throws Exception {
        List<String> found = new ArrayList<>();
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, null);
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            for (String type : (String[]) ref.getProperty("objectClass")) {
                if (type.startsWith("akenza.edge.") || type.equals(KuraConsole.CONFIGURABLE)) {
                    found.add(type + " from " + ref.getBundle());
                }
            }
        }
        return found;
    }

    private static void awaitNotListening(int port) {
        Await.until("port " + port + " closed", Gateway.STARTUP, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return false;
            } catch (IOException e) {
                return true;
            }
        });
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
