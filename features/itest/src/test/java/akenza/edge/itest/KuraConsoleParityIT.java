// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import akenza.edge.itest.KuraConsole.Password;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Kura's web console against our four components, on Kura 5.5's platform bundles: {@link KuraConsole} does what
 * Kura 5.5's ConfigurationService does, with a {@link KuraCrypto} that encrypts as Kura's CryptoService. Every
 * component must be filed under its own PID, show its values, and apply a change of one value of every type its
 * OCD uses; each change is then shown to work (a connection limit, a device secret, a topic mapping, an upstream
 * secret). A component that declares {@code service.pid} is shown to break exactly that.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraConsoleParityIT {

    private static final Duration WAIT = Gateway.STARTUP;
    private static final long DEADLINE_MS = 30_000;
    private static final Set<String> PIDS = Set.of(Gateway.BROKER, Gateway.CREDENTIALS, Gateway.TOPICS,
            Gateway.FORWARDER);
    private static final String OLD_CONNECTOR = "00112233aabbccdd";
    private static final String OLD_SECRET = "oldsecret0123456789abcdefghijklm";
    private static final String NEW_CONNECTOR = "99887766ffeeddcc";
    private static final String NEW_SECRET = "newsecret0123456789abcdefghijklm";
    private static final String DEVICE = "dev-console-1";

    private static KuraConsole console;
    private static int brokerPort;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private MetaTypeService metaType;

    /** @return the whole gateway on Kura's platform, and the akenza stand-in's port */
    @Configuration
    public Option[] config() {
        int upstream = AkenzaStandIn.start();
        return options(Features.gateway(), systemProperty("itest.upstream.port").value(Integer.toString(upstream)));
    }

    /**
     * Once per framework, as on a Kura box: Kura's CryptoService, then the snapshot Kura pushes into ConfigAdmin
     * at start (ports for this test; the credentials' connector secret in plain text, as a hand-written snapshot
     * or the standalone runtime holds it; no upstream secret yet), then the console.
     */
    @Before
    public void startConsoleOnce() throws Exception {
        if (console != null) {
            return;
        }
        CryptoService crypto = new KuraCrypto();
        context.registerService(CryptoService.class, crypto, null);
        brokerPort = Ports.free();
        snapshot(Gateway.BROKER, "tcp.port", brokerPort, "tls.enabled", false, "bind.address", "127.0.0.1");
        snapshot(Gateway.CREDENTIALS, "connector.1.id", OLD_CONNECTOR, "connector.1.secret", OLD_SECRET);
        snapshot(Gateway.FORWARDER, "host", "127.0.0.1", "port", Integer.getInteger("itest.upstream.port"),
                "tls", false, "client.id", "akenza-edge-console-itest", "status.interval", 0);
        KuraConsole c = new KuraConsole(context, configAdmin, metaType, crypto);
        c.open();
        console = c;
    }

    @Test
    public void everyComponentIsFiledUnderItsOwnPidAndShowsItsValues() throws Exception {
        awaitFiled();
        List<String> problems = new ArrayList<>();
        for (String pid : PIDS) {
            String problem = console.filingProblem(pid);
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertTrue("Kura would file these components wrongly:\n" + String.join("\n", problems), problems.isEmpty());
        for (String pid : PIDS) {
            assertNotNull(pid + ": Kura's console would show no values", console.read(pid));
        }
        assertEquals(brokerPort, console.read(Gateway.BROKER).get("tcp.port"));
    }

    @Test
    public void everyComponentAppliesWhatTheConsoleSaves() throws Exception {
        awaitFiled();
        String gateway = "tcp://127.0.0.1:" + brokerPort;
        String upstream = "tcp://127.0.0.1:" + Integer.getInteger("itest.upstream.port");

        // Credentials: a plain (unencrypted) stored secret does not decrypt; the console shows it as stored and the
        // component falls back to it. Then a new connector with a secret the console encrypts replaces it.
        Map<String, Object> shown = console.read(Gateway.CREDENTIALS);
        assertNotNull("Kura's console would show no values", shown);
        assertEquals(new Password(OLD_SECRET), shown.get("connector.1.secret"));
        close(V5Device.connectWhenListening(gateway, "before", OLD_CONNECTOR, OLD_SECRET, DEADLINE_MS));
        apply(Gateway.CREDENTIALS, "connector.1.id", NEW_CONNECTOR, "connector.1.secret", new Password(NEW_SECRET),
                "jwt.audience.required", true, "jwt.clock.skew", 300L, "jwt.cache.size", 500);
        assertRefused(0x86, gateway, OLD_CONNECTOR, OLD_SECRET);

        // Topic policy: another separator joins sub-topic levels.
        apply(Gateway.TOPICS, "subtopic.separator", "-", "max.sub.topic.levels", 4);

        // Forwarder: the upstream secret set from the console connects it; an uplink reaches akenza.
        apply(Gateway.FORWARDER, "connector.id", AkenzaStandIn.CONNECTOR_ID, "connector.secret",
                new Password(AkenzaStandIn.SECRET), "keep.alive", 30, "downlinks.enabled", false, "buffer.max.age",
                86_400L);
        V5Device observer = V5Device.connectWhenListening(upstream, "console-observer", AkenzaStandIn.OBSERVER,
                AkenzaStandIn.OBSERVER_PASSWORD, DEADLINE_MS);
        observer.subscribe("/up/#");
        V5Device device = V5Device.connectWhenListening(gateway, "console-device", NEW_CONNECTOR, NEW_SECRET,
                DEADLINE_MS);
        assertEquals("PUBACK", 0, device.publish("/up/" + NEW_SECRET + "/id/" + DEVICE + "/alerts/critical", "{}"));
        Delivery up = observer.next(DEADLINE_MS);
        assertNotNull("the uplink upstream, through the secret the console set", up);
        assertEquals("/up/" + AkenzaStandIn.SECRET + "/id/" + DEVICE + "/alerts-critical", up.topic());
        close(device);
        close(observer);

        // Broker: a local application account with an encrypted password, and a limit of two connections.
        apply(Gateway.BROKER, "max.connections", 2, "local.account.1.name", "kura-app", "local.account.1.password",
                new Password("app-pw-1"), "disconnect.on.credential.expiry", false, "max.session.expiry", 3_600L);
        V5Device app = connectAdmitted(gateway, "kura-app-client", "kura-app", "app-pw-1");
        V5Device second = connectAdmitted(gateway, "console-device-2", NEW_CONNECTOR, NEW_SECRET);
        assertRefused(0x97, gateway, NEW_CONNECTOR, NEW_SECRET);
        close(app);
        close(second);
    }

    @Test
    public void aComponentDeclaringServicePidIsFiledWrongly() throws Exception {
        Bundle bundle = context.installBundle("memory:" + MisdeclaredBundle.SYMBOLIC_NAME, MisdeclaredBundle.open());
        try {
            bundle.start();
            String pid = MisdeclaredBundle.PID;
            Await.until(pid + " filed by the console", WAIT, () -> console.servicePid(pid) != null);
            String problem = console.filingProblem(pid);
            assertNotNull("the parity check must catch a declared service.pid", problem);
            assertNotEquals(pid, console.servicePid(pid));
            // What Kura's console then shows: nothing, though ConfigAdmin holds the values under the real PID.
            assertNull(console.read(pid));
            assertEquals("hello", configAdmin.getConfiguration(pid, "?").getProperties().get("greeting"));
        } finally {
            bundle.uninstall();
            configAdmin.getConfiguration(MisdeclaredBundle.PID, "?").delete();
        }
    }

    private void awaitFiled() {
        Await.until("the four components filed by the console", WAIT, () -> console.pids().containsAll(PIDS));
    }

    /**
     * Saves the changes through the console, checks they cover every attribute type of the OCD, and waits until
     * the running component has them: Declarative Services copies a configuration into the component's service
     * properties only once {@code activate}/{@code modified} returned.
     */
    private void apply(String pid, Object... keyValues) throws Exception {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            changes.put((String) keyValues[i], keyValues[i + 1]);
        }
        Set<String> typesUsed = new TreeSet<>();
        Set<String> typesChanged = new TreeSet<>();
        assertNotNull(pid + ": Kura's console would show no values", console.read(pid));
        Map<String, AttributeDefinition> ads = KuraConsole.attributes(console.ocd(pid));
        ads.values().forEach(ad -> typesUsed.add(KuraConsole.type(ad).getSimpleName()));
        changes.keySet().forEach(k -> typesChanged.add(KuraConsole.type(ads.get(k)).getSimpleName()));
        assertEquals(pid + ": one change per attribute type", typesUsed, typesChanged);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            assertNotEquals(pid + "/" + e.getKey() + " must change", e.getValue(), console.read(pid).get(e.getKey()));
        }

        console.update(pid, changes);

        Await.until(pid + " running with the console's values", WAIT, () -> runsWith(pid, changes));
        Map<String, Object> shown = console.read(pid);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            assertEquals(pid + "/" + e.getKey() + " as the console shows it", e.getValue(), shown.get(e.getKey()));
        }
    }

    private boolean runsWith(String pid, Map<String, Object> changes) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(KuraConsole.CONFIGURABLE,
                "(" + KuraConsole.KURA_SERVICE_PID + "=" + pid + ")");
        if (refs == null || refs.length != 1) {
            return false;
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Object running = refs[0].getProperty(e.getKey());
            if (e.getValue() instanceof Password p) {
                // Stored as Kura stores it: encrypted, never the plain secret.
                if (running == null || running.equals(p.value())) {
                    return false;
                }
            } else if (!e.getValue().equals(running)) {
                return false;
            }
        }
        return true;
    }

    private void snapshot(String pid, Object... keyValues) throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(KuraConsole.KURA_SERVICE_PID, pid);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        configAdmin.getConfiguration(pid, "?").update(props);
    }

    /** Connects, waiting out connections the broker has not yet counted as closed (refused with 0x97). */
    private static V5Device connectAdmitted(String uri, String clientId, String user, String password)
            throws Exception {
        AtomicReference<V5Device> admitted = new AtomicReference<>();
        Await.until("the broker admits " + clientId, Duration.ofMillis(DEADLINE_MS), () -> {
            try {
                admitted.set(V5Device.connectWhenListening(uri, clientId, user, password, DEADLINE_MS));
                return true;
            } catch (ConnectRefused e) {
                if (e.code != 0x97) {
                    throw new IllegalStateException("refused with 0x" + Integer.toHexString(e.code), e);
                }
                return false; // an earlier client's close is still being processed
            }
        });
        return admitted.get();
    }

    private static void assertRefused(int reason, String uri, String user, String password) throws Exception {
        try (V5Device d = V5Device.connect(uri, "refused-" + reason, user, password)) {
            fail("CONNECT must be refused with 0x" + Integer.toHexString(reason));
        } catch (ConnectRefused e) {
            assertEquals("CONNACK reason", reason, e.code);
        }
    }

    private static void close(V5Device device) throws Exception {
        device.close();
    }
}
