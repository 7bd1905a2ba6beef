// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.LocalMessage;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.TopicPolicy;
import akenza.edge.api.message.UplinkSink;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.broker.internal.config.BrokerConfig;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.SettingsParser;
import akenza.edge.broker.internal.security.SecretMask;
import akenza.edge.broker.internal.tls.KeystoreTls;
import akenza.edge.broker.internal.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.HashMap;
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
@Component(name = BrokerConfig.PID, configurationPid = BrokerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, LocalDelivery.class, StatusReporter.class, EventHandler.class},
        property = "event.topics=" + KeystoreTls.CHANGED_TOPIC)
@Designate(ocd = BrokerConfig.class)
public final class MqttBrokerComponent implements ConfigurableComponent, LocalDelivery, StatusReporter, EventHandler {

    /**
     * How long after activation missing credentials or forwarder services count as "still starting" (devices
     * are told to retry) rather than absent; on Kura all components activate within seconds.
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(MqttBrokerComponent.class);

    private final BrokerServices services = new BrokerServices();
    private volatile CryptoService crypto;
    private volatile MqttServer server;
    private volatile String configError;
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
    void bindTopicPolicy(TopicPolicy policy) {
        services.topicPolicy(policy);
    }

    void unbindTopicPolicy(TopicPolicy policy) {
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

    private boolean selectKeystore(Map<String, Object> properties) {
        Object pid = properties.get("tls.keystore.service.pid");
        Object alias = properties.get("tls.keystore.alias");
        return keystoreTls.select(pid == null ? "" : pid.toString(), alias == null ? "" : alias.toString());
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
     * Starts the broker. An invalid configuration or a busy port is logged and reported in status; the
     * component stays active so a corrected configuration can be applied through {@code modified}.
     *
     * @param properties the component configuration
     */
    @Activate
    synchronized void activate(Map<String, Object> properties) {
        selectKeystore(properties);
        services.startGrace(STARTUP_GRACE);
        services.uplinksWithoutForwarder(uplinksWithoutForwarder(properties));
        BrokerSettings settings = parse(properties);
        if (settings != null) {
            MqttServer created = new MqttServer(settings, services, this::tlsContext);
            created.start();
            server = created;
        }
    }

    /** @param properties the new component configuration */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        services.uplinksWithoutForwarder(uplinksWithoutForwarder(properties));
        BrokerSettings settings = parse(properties);
        if (settings == null) {
            return; // keep serving with the last valid configuration
        }
        boolean tlsSourceChanged = selectKeystore(properties);
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
    synchronized void deactivate() {
        MqttServer current = server;
        server = null;
        if (current != null) {
            current.stop();
        }
    }

    /** Read apart from {@link BrokerSettings}: it decides what the core answers, not how it serves. */
    private static boolean uplinksWithoutForwarder(Map<String, Object> properties) {
        Object v = properties.get("uplinks.without.forwarder");
        return v != null && Boolean.parseBoolean(v.toString().trim());
    }

    private BrokerSettings parse(Map<String, Object> properties) {
        try {
            BrokerSettings settings = SettingsParser.parse(properties, this::decrypt);
            configError = null;
            return settings;
        } catch (IllegalArgumentException e) {
            configError = SecretMask.maskTopics(e.getMessage());
            LOG.error("Invalid MQTT broker configuration: {}", configError);
            return null;
        }
    }

    private String decrypt(String value) {
        CryptoService service = crypto;
        if (service == null || value == null || value.isEmpty()) {
            return value;
        }
        try {
            return new String(service.decryptAes(value.toCharArray()));
        } catch (Exception e) {
            return value; // not encrypted (standalone runtime, or a value set without Kura's console)
        }
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
        String error = configError;
        if (current == null) {
            Map<String, String> details = new HashMap<>();
            details.put("config", error == null ? "not active" : "invalid: " + error);
            return new ComponentStatus(BrokerConfig.PID, Health.DOWN,
                    error == null ? "broker not running" : "invalid configuration", Map.of(), details, null);
        }
        ComponentStatus status = current.status();
        if (error == null) {
            return status;
        }
        Map<String, String> details = new HashMap<>(status.details());
        details.put("config", "last change rejected: " + error);
        Health health = status.health() == Health.OK ? Health.DEGRADED : status.health();
        return new ComponentStatus(status.component(), health, status.summary(), status.counters(), details,
                status.at());
    }
}
