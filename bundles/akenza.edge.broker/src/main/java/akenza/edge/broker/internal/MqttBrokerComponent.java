// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.UplinkSink;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.broker.internal.config.BrokerConfig;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.SettingsParser;
import akenza.edge.broker.internal.tls.KeystoreTls;
import akenza.edge.broker.internal.tls.TlsContexts;
import akenza.edge.common.config.ConfigProblem;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.config.ConfigStatus;
import akenza.edge.common.crypto.KuraPasswords;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker as a Kura configurable component: turns its configuration into {@link BrokerSettings}, runs an
 * {@link MqttServer}, and wires the optional api services into it as they come and go.
 */
@Component(name = MqttBrokerComponent.PID, configurationPid = MqttBrokerComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, LocalDelivery.class, StatusReporter.class, EventHandler.class},
        property = "event.topics=" + KeystoreTls.CHANGED_TOPIC)
@Designate(ocd = BrokerConfig.class)
public final class MqttBrokerComponent implements ConfigurableComponent, LocalDelivery, StatusReporter, EventHandler {

    /** The component name, configuration PID and metatype OCD id (never declared as service.pid). */
    public static final String PID = "akenza.edge.broker.MqttBroker";

    /**
     * How long after activation missing credentials or forwarder services count as "still starting" (devices
     * are told to retry) rather than absent; on Kura all components activate within seconds.
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(MqttBrokerComponent.class);

    private final BrokerServices services = new BrokerServices();
    private volatile CryptoService crypto;
    private volatile MqttServer server;
    private volatile List<ConfigProblem> problems = List.of();
    private final KeystoreTls keystoreTls = new KeystoreTls();

    /** @param authenticator the device authenticator */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(DeviceAuthenticator authenticator) {
        services.authenticator(authenticator);
    }

    void unbindAuthenticator(DeviceAuthenticator authenticator) {
        services.clearAuthenticator(authenticator);
        // The credentials component is usually restarting (update, reconfiguration): devices retry meanwhile.
        services.startGrace(STARTUP_GRACE);
    }

    /** @param policy the topic policy */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTopicPolicy(LocalTopicPolicy policy) {
        services.topicPolicy(policy);
    }

    void unbindTopicPolicy(LocalTopicPolicy policy) {
        services.clearTopicPolicy(policy);
    }

    /** @param sink the uplink sink */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplinkSink(UplinkSink sink) {
        services.uplinkSink(sink);
    }

    void unbindUplinkSink(UplinkSink sink) {
        services.clearUplinkSink(sink);
    }

    /** @param cryptoService Kura's crypto service, for password attributes */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCryptoService(CryptoService cryptoService) {
        this.crypto = cryptoService;
    }

    synchronized void unbindCryptoService(CryptoService cryptoService) {
        if (crypto == cryptoService) {
            crypto = null;
        }
    }

    /**
     * @param keystore one of Kura's keystore services
     * @param properties its service properties (kura.service.pid selects it)
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindKeystoreService(KeystoreService keystore, Map<String, Object> properties) {
        Object pid = properties.get("kura.service.pid");
        if (pid instanceof String p) {
            keystoreTls.add(p, keystore);
            if (keystoreTls.concerns(p)) {
                reloadTls("keystore " + p + " appeared");
            }
        }
    }

    void unbindKeystoreService(KeystoreService keystore, Map<String, Object> properties) {
        Object pid = properties.get("kura.service.pid");
        if (pid instanceof String p) {
            keystoreTls.remove(p, keystore);
            if (keystoreTls.concerns(p)) {
                reloadTls("keystore " + p + " went away");
            }
        }
    }

    /** A keystore entry changed (Kura's KeystoreChangedEvent): the selected keystore's may be the TLS one. */
    @Override
    public void handleEvent(Event event) {
        if (keystoreTls.concerns(event.getProperty(KeystoreTls.SENDER_PID))) {
            reloadTls("keystore " + event.getProperty(KeystoreTls.SENDER_PID) + " changed");
        }
    }

    private void reloadTls(String why) {
        MqttServer current = server;
        if (current != null) {
            LOG.info("Reloading the TLS listener's certificate: {}", why);
            current.reloadTls();
        }
    }

    /** TLS material: the selected Kura keystore entry, else the PEM files (or the self-signed pair). */
    private SslContext tlsContext(BrokerSettings settings) {
        return keystoreTls.selected() ? keystoreTls.serverContext() : TlsContexts.serverContext(settings);
    }

    private boolean selectKeystore(ConfigReader reader) {
        return keystoreTls.select(reader.string("tls.keystore.service.pid", ""),
                reader.string("tls.keystore.alias", ""));
    }

    /** @param listener a session listener */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSessionListener(SessionListener listener) {
        services.sessionListeners().add(listener);
    }

    void removeSessionListener(SessionListener listener) {
        services.sessionListeners().remove(listener);
    }

    /**
     * Starts the broker. A bad value takes its default (logged, and DEGRADED in status until fixed); a busy port
     * is logged and reported in status; the component stays active so a corrected configuration can be applied
     * through {@code modified}.
     *
     * @param properties the component configuration
     */
    @Activate
    public synchronized void activate(Map<String, Object> properties) {
        ConfigReader reader = new ConfigReader(properties);
        selectKeystore(reader);
        services.startGrace(STARTUP_GRACE);
        MqttServer created = new MqttServer(parse(reader), services, this::tlsContext);
        created.start();
        server = created;
    }

    /** @param properties the new component configuration */
    @Modified
    public synchronized void modified(Map<String, Object> properties) {
        ConfigReader reader = new ConfigReader(properties);
        boolean tlsSourceChanged = selectKeystore(reader);
        BrokerSettings settings = parse(reader);
        if (server == null) {
            MqttServer created = new MqttServer(settings, services, this::tlsContext);
            created.start();
            server = created;
        } else {
            server.update(settings);
            if (tlsSourceChanged) {
                server.reloadTls();
            }
        }
    }

    /** Stops the broker. */
    @Deactivate
    public synchronized void deactivate() {
        MqttServer current = server;
        server = null;
        if (current != null) {
            current.stop();
        }
    }

    private BrokerSettings parse(ConfigReader reader) {
        // Read apart from BrokerSettings: it decides what the core answers, not how it serves.
        services.uplinksWithoutForwarder(reader.bool("uplinks.without.forwarder", false));
        BrokerSettings settings = SettingsParser.parse(reader, stored -> KuraPasswords.decrypt(crypto, stored));
        problems = reader.problems();
        ConfigStatus.log(LOG, PID, problems);
        return settings;
    }

    /** @return the running server, or {@code null} (tests) */
    MqttServer server() {
        return server;
    }

    @Override
    public int deliver(LocalMessage message) {
        MqttServer current = server;
        return current == null ? 0 : current.deliver(message);
    }

    @Override
    public ComponentStatus status() {
        MqttServer current = server;
        ComponentStatus status = current == null
                ? new ComponentStatus(PID, Health.DOWN, "broker not running", Map.of(),
                        Map.of("config", "not active"), null)
                : current.status();
        return ConfigStatus.withProblems(status, problems);
    }
}
