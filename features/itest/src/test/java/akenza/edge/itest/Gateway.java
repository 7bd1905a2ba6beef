// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configures the gateway's four components through ConfigAdmin as Kura's ConfigurationService does, and
 * waits until a configuration is applied: each update carries a generation number, which Declarative
 * Services copies into the component's service properties once it has activated or modified the component.
 */
final class Gateway {

    static final String BROKER = "akenza.edge.broker.MqttBroker";
    static final String CREDENTIALS = "akenza.edge.credentials.DeviceCredentials";
    static final String TOPICS = "akenza.edge.topics.TopicPolicy";
    static final String FORWARDER = "akenza.edge.uplink.Forwarder";

    /** Starting the framework, SCR and Netty on two busy cores can take a while. */
    static final Duration STARTUP = Duration.ofSeconds(60);

    private static final String GENERATION = "itest.generation";
    private static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    Gateway(BundleContext context, ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    /**
     * Replaces a component's configuration and waits until the component runs with it.
     *
     * @param pid the component's PID
     * @param properties the configuration, without Kura's own keys
     */
    void configure(String pid, Map<String, Object> properties) throws Exception {
        long generation = GENERATIONS.incrementAndGet();
        Dictionary<String, Object> props = new Hashtable<>(properties);
        props.put("kura.service.pid", pid);
        props.put(GENERATION, generation);
        configAdmin.getConfiguration(pid, "?").update(props);
        String filter = "(&(objectClass=" + CONFIGURABLE + ")(service.pid=" + pid + ")(" + GENERATION + "="
                + generation + "))";
        Await.until(pid + " to run with configuration " + generation, STARTUP, () -> isRegistered(filter));
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:port. */
    static void awaitListening(int port) {
        Await.until("a listener on port " + port, STARTUP, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private boolean isRegistered(String filter) throws InvalidSyntaxException {
        return context.getServiceReferences((String) null, filter) != null;
    }
}
