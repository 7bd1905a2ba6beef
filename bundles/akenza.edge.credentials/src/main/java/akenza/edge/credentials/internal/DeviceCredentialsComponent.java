// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.auth.DeviceDirectory;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.auth.DeviceRegistration;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.api.auth.RevocationListener;
import akenza.edge.api.log.LogText;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.common.config.ConfigProblem;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.config.ConfigStatus;
import akenza.edge.common.crypto.KuraPasswords;
import akenza.edge.credentials.internal.auth.AsyncAuthenticator;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.connector.SecretConnector;
import akenza.edge.credentials.internal.keys.KeyWatcher;
import akenza.edge.credentials.internal.provisioning.DeviceCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device credentials component: akenza JWT and uplink-secret authentication for the broker, the device
 * directory for downlink addressing, its status, and the operator's Gogo commands
 * ({@code akenza:devices}, {@code akenza:provision}, {@code akenza:revoke}).
 *
 * <p>Each configuration builds a fresh {@link CredentialsEngine}, swapped in atomically; the worker pool and
 * the counters live as long as the component.
 */
@Component(name = DeviceCredentialsComponent.PID, configurationPid = DeviceCredentialsComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = { ConfigurableComponent.class, DeviceAuthenticator.class, DeviceDirectory.class,
                StatusReporter.class },
        property = { "osgi.command.scope=akenza",
                "osgi.command.function=devices", "osgi.command.function=provision",
                "osgi.command.function=revoke" })
@Designate(ocd = DeviceCredentialsConfig.class)
public final class DeviceCredentialsComponent
        implements ConfigurableComponent, DeviceAuthenticator, DeviceDirectory, StatusReporter {

    /** The component name, configuration PID and metatype OCD id (never declared as service.pid). */
    public static final String PID = "akenza.edge.credentials.DeviceCredentials";

    /** Worker threads for signature checks: enough for a gateway, few enough to leave the broker its CPU. */
    static final int AUTH_THREADS = 2;
    /** Connects waiting for a worker before new ones are answered "unavailable". */
    static final int AUTH_QUEUE = 128;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCredentialsComponent.class);

    private final Clock clock;
    private final AuthCounters counters = new AuthCounters();
    private volatile CryptoService cryptoService;
    private volatile Map<String, Object> properties;
    private volatile List<ConfigProblem> problems = List.of();
    private volatile CredentialsEngine engine;
    private volatile DeviceCommands commands;
    private volatile AsyncAuthenticator workers;
    private final List<RevocationListener> revocationListeners =
            new CopyOnWriteArrayList<>();
    private KeyWatcher keyWatcher;

    /** Creates the component with the system clock (the DS constructor). */
    public DeviceCredentialsComponent() {
        this(Clock.systemUTC());
    }

    /** @param clock the time source, injectable for tests */
    DeviceCredentialsComponent(Clock clock) {
        this.clock = clock;
    }

    /** @param properties the component configuration */
    @Activate
    public void activate(Map<String, Object> properties) {
        workers = new AsyncAuthenticator(AUTH_THREADS, AUTH_QUEUE);
        apply(properties);
    }

    /** @param properties the new component configuration */
    @Modified
    public void modified(Map<String, Object> properties) {
        apply(properties);
    }

    /** Stops the workers; connects still queued are answered "unavailable". */
    @Deactivate
    public void deactivate() {
        engine = null;
        commands = null;
        synchronized (this) {
            if (keyWatcher != null) {
                keyWatcher.close();
                keyWatcher = null;
            }
        }
        AsyncAuthenticator w = workers;
        workers = null;
        if (w != null) {
            w.close();
        }
        LogText.withdrawSecrets(this);
        LOG.info("Device credentials stopped");
    }

    /** @param crypto Kura's crypto service, which decrypts Password attributes */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCryptoService")
    protected void bindCryptoService(CryptoService crypto) {
        this.cryptoService = crypto;
        reapply();
    }

    /** @param crypto the crypto service going away */
    protected void unbindCryptoService(CryptoService crypto) {
        if (this.cryptoService == crypto) {
            this.cryptoService = null;
        }
    }

    private void reapply() {
        Map<String, Object> current = properties;
        if (current != null && workers != null) {
            apply(current);
        }
    }

    private synchronized void apply(Map<String, Object> newProperties) {
        properties = newProperties;
        ConfigReader reader = new ConfigReader(newProperties);
        CredentialsSettings settings = CredentialsSettings.read(reader,
                stored -> KuraPasswords.decrypt(cryptoService, stored));
        problems = reader.problems();
        ConfigStatus.log(LOG, DeviceCredentialsComponent.PID, problems);
        try {
            // Operators drop key files here; make it visible from the start.
            Files.createDirectories(settings.keysDir());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot create the device key directory {}: {}", settings.keysDir(), e.toString());
        }
        // Every configured secret is masked in every bundle's log lines, wherever a client puts it.
        LogText.registerSecrets(this, settings.connectors().stream().map(SecretConnector::secret).toList());
        CredentialsEngine next = new CredentialsEngine(settings, clock, counters);
        int devices = next.registry().scan().size();
        engine = next;
        commands = new DeviceCommands(settings, next.registry(), clock);
        if (keyWatcher != null) {
            keyWatcher.close();
            keyWatcher = null;
        }
        try {
            keyWatcher = new KeyWatcher(next.registry(), this::notifyRevoked);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot watch the device key directory {} ({}): deleted keys end connections only when "
                    + "their tokens expire", settings.keysDir(), e.toString());
        }
        LOG.info("Device credentials configured: {} device(s) with keys in {}, {} bad key file(s), {} connector(s)",
                devices, settings.keysDir(), next.registry().problems().size(), settings.connectors().size());
    }

    @Override
    public CompletionStage<AuthResult> authenticate(ConnectRequest request) {
        CredentialsEngine current = engine;
        AsyncAuthenticator w = workers;
        if (current == null || w == null) {
            return CompletableFuture.completedFuture(AuthResult.refused(RefusalReason.UNAVAILABLE, "not active"));
        }
        try {
            Optional<AuthResult> early = current.precheck(request);
            if (early.isPresent()) {
                return CompletableFuture.completedFuture(early.get());
            }
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AuthResult.refused(RefusalReason.UNAVAILABLE, "internal error"));
        }
        return w.submit(() -> current.decide(request));
    }

    @Override
    public Optional<AuthResult> throttle(ConnectRequest request) {
        CredentialsEngine current = engine;
        return current == null ? Optional.empty() : current.throttleLocal(request);
    }

    @Override
    public void passwordChecked(ConnectRequest request, AuthResult result) {
        CredentialsEngine current = engine;
        if (current != null) {
            current.recordLocal(request, result);
        }
    }

    @Override
    public boolean mayUseClientId(DeviceIdentity identity, String clientId) {
        CredentialsEngine current = engine;
        return current == null || current.mayUseClientId(identity, clientId);
    }

    @Override
    public Optional<DeviceRegistration> lookup(String deviceId) {
        CredentialsEngine current = engine;
        return current == null ? Optional.empty() : current.lookup(deviceId);
    }

    @Override
    public ComponentStatus status() {
        CredentialsEngine current = engine;
        AsyncAuthenticator w = workers;
        if (current == null || w == null) {
            return new ComponentStatus(DeviceCredentialsComponent.PID, Health.IDLE, "not active", Map.of(), Map.of(),
                    clock.instant());
        }
        return ConfigStatus.withProblems(current.status(DeviceCredentialsComponent.PID,
                Map.of("auth.rejected.busy", w.rejected(), "auth.queued", (long) w.queued())), problems);
    }

    /**
     * Gogo command {@code akenza:devices}: the registered devices, key types, kids and certificate expiry.
     *
     * @return the listing
     */
    public String devices() {
        DeviceCommands c = commands;
        return c == null ? "Device credentials are not active.\n" : c.devices();
    }

    /**
     * Gogo command {@code akenza:provision <deviceId>}: a new EC P-256 key and a token valid for 60 minutes.
     *
     * @param deviceId the device id
     * @return the private key (shown once), the token and a mosquitto_pub line
     */
    public String provision(String deviceId) {
        return provision(deviceId, "ec", DeviceCommands.DEFAULT_TOKEN_MINUTES);
    }

    /**
     * Gogo command {@code akenza:provision <deviceId> ec|rsa}.
     *
     * @param deviceId the device id
     * @param type {@code ec} or {@code rsa}
     * @return the private key (shown once), the token and a mosquitto_pub line
     */
    public String provision(String deviceId, String type) {
        return provision(deviceId, type, DeviceCommands.DEFAULT_TOKEN_MINUTES);
    }

    /**
     * Gogo command {@code akenza:provision <deviceId> ec|rsa <minutes>}.
     *
     * @param deviceId the device id
     * @param type {@code ec} or {@code rsa}
     * @param minutes how long the printed token is valid
     * @return the private key (shown once), the token and a mosquitto_pub line
     */
    public String provision(String deviceId, String type, int minutes) {
        DeviceCommands c = commands;
        return c == null ? "Device credentials are not active.\n" : c.provision(deviceId, type, minutes);
    }

    /**
     * Gogo command {@code akenza:revoke <deviceId>}: revokes every key of the device.
     *
     * @param deviceId the device id
     * @return what was done
     */
    public String revoke(String deviceId) {
        return revoke(deviceId, null);
    }

    /**
     * Gogo command {@code akenza:revoke <deviceId> <kid>}: revokes one key.
     *
     * @param deviceId the device id
     * @param kid the key id, or {@code null} for all keys
     * @return what was done
     */
    public String revoke(String deviceId, String kid) {
        DeviceCommands c = commands;
        if (c == null) {
            return "Device credentials are not active.\n";
        }
        String result = c.revoke(deviceId, kid);
        if (DeviceIds.isValid(deviceId)) {
            notifyRevoked(deviceId); // at once, whether or not the file watcher also sees it
        }
        return result;
    }

    @Override
    public void addRevocationListener(RevocationListener listener) {
        revocationListeners.add(listener);
    }

    @Override
    public void removeRevocationListener(RevocationListener listener) {
        revocationListeners.remove(listener);
    }

    private void notifyRevoked(String deviceId) {
        for (RevocationListener l : revocationListeners) {
            try {
                l.revoked(deviceId);
            } catch (RuntimeException e) {
                LOG.warn("Revocation listener failed for device {}: {}", LogText.of(deviceId), e.toString());
            }
        }
    }
}
