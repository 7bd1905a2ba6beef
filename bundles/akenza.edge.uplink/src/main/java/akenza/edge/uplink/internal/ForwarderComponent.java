// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.cloud.CloudUplinks;
import akenza.edge.api.cloud.DownlinkListener;
import akenza.edge.api.cloud.LinkListener;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.api.message.UplinkSink;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.common.config.ConfigProblem;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.config.ConfigStatus;
import akenza.edge.common.crypto.KuraPasswords;
import akenza.edge.uplink.internal.buffer.BufferWriter;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.client.UpstreamClients;
import akenza.edge.uplink.internal.client.UpstreamSettings;
import akenza.edge.uplink.internal.cloud.GatewayApplications;
import akenza.edge.uplink.internal.cloud.PendingConfirmations;
import akenza.edge.uplink.internal.sender.DeviceSubscriptions;
import akenza.edge.uplink.internal.sender.DownlinkRelay;
import akenza.edge.uplink.internal.sender.LinkState;
import akenza.edge.uplink.internal.sender.LinkStatus;
import akenza.edge.uplink.internal.sender.SenderContext;
import akenza.edge.uplink.internal.sender.UplinkSender;
import akenza.edge.uplink.internal.status.ForwarderStats;
import akenza.edge.uplink.internal.status.StatusJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The akenza uplink forwarder: takes uplinks into a durable buffer, forwards them to akenza over one
 * MQTT connection, relays downlinks to the local broker, and reports its status (also as a gateway status
 * uplink). Offers are accepted whenever the component is active, even before a connector is configured.
 */
// Immediate: the buffer and the upstream run whether or not a broker uses the sink yet.
@Component(name = ForwarderComponent.PID, configurationPid = ForwarderComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, UplinkSink.class, SessionListener.class, StatusReporter.class,
            CloudUplinks.class})
@Designate(ocd = ForwarderConfig.class)
public final class ForwarderComponent
        implements ConfigurableComponent, UplinkSink, SessionListener, StatusReporter, CloudUplinks {

    /** The component name, configuration PID and metatype OCD id (never declared as service.pid). */
    public static final String PID = "akenza.edge.uplink.Forwarder";

    private static final Logger LOG = LoggerFactory.getLogger(ForwarderComponent.class);
    private static final long OPEN_RETRY_SECONDS = 5;

    private final ForwarderStats stats = new ForwarderStats();
    private final LinkStatus linkStatus = new LinkStatus();
    private final DeviceSubscriptions devices = new DeviceSubscriptions();
    /** At most this many delivery confirmations of gateway applications wait for akenza's acknowledgement. */
    private static final int MAX_PENDING_CONFIRMATIONS = 100_000;
    private final PendingConfirmations confirmations = new PendingConfirmations(MAX_PENDING_CONFIRMATIONS);
    private final UpstreamClients clients = new UpstreamClients();
    private final GatewayApplications applications = new GatewayApplications(() -> this.topicPolicy);
    private volatile CloudTopicMapping topicPolicy;
    private volatile LocalDelivery localDelivery;
    private volatile CryptoService cryptoService;
    private volatile ForwarderSettings settings;
    private volatile List<ConfigProblem> problems = List.of();
    private volatile UplinkBuffer buffer;
    private volatile BufferWriter writer;
    private volatile UplinkSender sender;
    private volatile long nextStatusNanos;
    /** Retries opening the buffer while it cannot be opened (I/O error, full disk); null otherwise. */
    private ScheduledExecutorService openRetry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTopicPolicy(CloudTopicMapping policy) {
        topicPolicy = policy;
        wakeSender();
    }

    void unbindTopicPolicy(CloudTopicMapping policy) {
        if (topicPolicy == policy) {
            topicPolicy = null;
            wakeSender(); // it ends the connection at once instead of at its next wake-up
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLocalDelivery(LocalDelivery delivery) {
        localDelivery = delivery;
    }

    void unbindLocalDelivery(LocalDelivery delivery) {
        if (localDelivery == delivery) {
            localDelivery = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCryptoService(CryptoService crypto) {
        cryptoService = crypto;
    }

    void unbindCryptoService(CryptoService crypto) {
        if (cryptoService == crypto) {
            cryptoService = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindLinkListener(LinkListener listener) {
        applications.add(listener);
    }

    void unbindLinkListener(LinkListener listener) {
        applications.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDownlinkListener(DownlinkListener listener, Map<String, Object> properties) {
        Object id = properties.get(DownlinkListener.DEVICE_ID);
        if (!(id instanceof String deviceId) || deviceId.isBlank()) {
            LOG.warn("A downlink listener without the {} service property is ignored", DownlinkListener.DEVICE_ID);
            return;
        }
        applications.add(listener, deviceId);
        UplinkSender s = sender;
        if (s != null) {
            s.deviceSeen(deviceId);
        }
    }

    void unbindDownlinkListener(DownlinkListener listener) {
        applications.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindKeystoreService(KeystoreService keystore, Map<String, Object> properties) {
        if (properties.get("kura.service.pid") instanceof String pid) {
            clients.keystoreAdded(pid, keystore);
        }
    }

    void unbindKeystoreService(KeystoreService keystore, Map<String, Object> properties) {
        if (properties.get("kura.service.pid") instanceof String pid) {
            clients.keystoreRemoved(pid, keystore);
        }
    }

    /** @param properties the component configuration */
    @Activate
    public synchronized void activate(Map<String, Object> properties) {
        linkStatus.onTransition(applications::transition);
        configure(properties);
    }

    /** @param properties the new component configuration */
    @Modified
    public synchronized void modified(Map<String, Object> properties) {
        configure(properties);
    }

    private void configure(Map<String, Object> properties) {
        ConfigReader reader = new ConfigReader(properties);
        clients.caKeystore(reader.string("ca.keystore.service.pid", ""));
        ForwarderSettings next = ForwarderSettings.read(reader, v -> KuraPasswords.decrypt(cryptoService, v));
        problems = reader.problems();
        ConfigStatus.log(LOG, PID, problems);
        apply(next);
    }

    /** Stops the sender and closes the buffer. */
    @Deactivate
    public synchronized void deactivate() {
        stopOpenRetry();
        stopSender();
        clients.close();
        closeBuffer();
        settings = null;
        LogText.withdrawSecrets(this);
        LOG.info("Uplink forwarder stopped");
    }

    private void apply(ForwarderSettings next) {
        ForwarderSettings previous = settings;
        // Our own connector secret is masked in every log line of every bundle (a device may type it too).
        LogText.registerSecrets(this, next.upstream() == null ? List.of() : List.of(next.upstream().secret()));
        stopOpenRetry();
        stopSender();
        if (previous == null || !previous.buffer().equals(next.buffer()) || buffer == null) {
            closeBuffer();
            UplinkBuffer b;
            try {
                b = UplinkBuffer.open(next.buffer().dir(), next.buffer().fsync(), stats::dropped);
            } catch (IOException e) {
                // Stay registered so the status says why and offers fail fast with UNAVAILABLE.
                settings = next;
                linkStatus.set(LinkState.IDLE, "uplink buffer unavailable");
                linkStatus.error(e.getMessage());
                LOG.error("Uplink forwarder cannot work: {}; retrying every {} s", e.getMessage(),
                        OPEN_RETRY_SECONDS);
                scheduleOpenRetry(next);
                return;
            }
            buffer = b;
            writer = new BufferWriter(b, next.buffer(), stats, this::wakeSender,
                    () -> linkStatus.get().state() == LinkState.CONNECTED);
            LOG.info("Uplink buffer open in {}: {} message(s), {} bytes pending", next.buffer().dir(), b.count(),
                    b.bytes());
        }
        settings = next;
        nextStatusNanos = System.nanoTime();
        String idle = next.idleReason();
        if (idle != null) {
            linkStatus.set(LinkState.IDLE, idle);
            LOG.info("Uplink forwarder idle: {}; uplinks are kept in the buffer", idle);
            return;
        }
        UpstreamSettings up = next.upstream();
        applications.connector(up.secret());
        DownlinkRelay relay = new DownlinkRelay(() -> topicPolicy, () -> localDelivery, up.secret(), stats,
                applications::downlink);
        SenderContext context = new SenderContext(buffer, next.link(), stats, linkStatus, () -> topicPolicy,
                up.secret());
        UplinkSender s = new UplinkSender(context, clients.factory(up, next.link().inflightWindow()), relay, devices,
                this::statusTick);
        s.onAcknowledged(seq -> {
            confirmations.acknowledged(seq);
            BufferWriter w = writer;
            if (w != null) {
                w.acknowledged();
            }
        });
        sender = s;
        applications.downlinkDevices().forEach(s::deviceSeen);
        s.start();
        LOG.info("Uplink forwarder started: {}", up);
    }

    /** Tries again later: uplinks are refused (devices retry) only until the buffer opens, never for good. */
    private void scheduleOpenRetry(ForwarderSettings wanted) {
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "akenza-uplink-buffer-open-retry");
                    t.setDaemon(true);
                    return t;
                });
        openRetry = executor;
        executor.schedule(() -> {
            synchronized (this) {
                if (openRetry != executor) {
                    return; // reconfigured or stopped meanwhile
                }
                openRetry = null;
                executor.shutdown(); // ends after this task, without interrupting the file opening below
                if (settings == wanted && buffer == null) {
                    apply(wanted);
                }
            }
        }, OPEN_RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private void stopOpenRetry() {
        if (openRetry != null) {
            openRetry.shutdownNow();
            openRetry = null;
        }
    }

    private void stopSender() {
        UplinkSender s = sender;
        sender = null;
        if (s != null) {
            s.stop();
        }
    }

    private void closeBuffer() {
        confirmations.clear();
        BufferWriter w = writer;
        writer = null;
        if (w != null) {
            w.close();
        }
        UplinkBuffer b = buffer;
        buffer = null;
        if (b != null) {
            b.close();
        }
    }

    private void wakeSender() {
        UplinkSender s = sender;
        if (s != null) {
            s.wake();
        }
    }

    @Override
    public CompletionStage<Void> offer(Uplink uplink) {
        BufferWriter w = writer;
        if (w == null) {
            return CompletableFuture.failedFuture(
                    new UplinkRefusedException(UplinkRefusedException.Reason.UNAVAILABLE, "uplink forwarder stopped"));
        }
        UplinkSender s = sender;
        if (s != null) {
            s.deviceSeen(uplink.deviceId());
        }
        return w.offer(uplink);
    }

    @Override
    public CompletionStage<Void> offer(Uplink uplink, Runnable onAcknowledged) {
        BufferWriter w = writer;
        if (w == null) {
            return CompletableFuture.failedFuture(
                    new UplinkRefusedException(UplinkRefusedException.Reason.UNAVAILABLE, "uplink forwarder stopped"));
        }
        UplinkSender s = sender;
        if (s != null) {
            s.deviceSeen(uplink.deviceId());
        }
        return w.offer(uplink, seq -> confirmations.track(seq, onAcknowledged));
    }

    @Override
    public boolean isConnected() {
        return linkStatus.get().state() == LinkState.CONNECTED;
    }

    @Override
    public Optional<String> gatewayDeviceId() {
        ForwarderSettings s = settings;
        return s == null || s.gatewayDeviceId().isEmpty() ? Optional.empty() : Optional.of(s.gatewayDeviceId());
    }

    @Override
    public void connected(String clientId, DeviceIdentity identity) {
        UplinkSender s = sender;
        if (s != null && identity.method() == AuthMethod.JWT) {
            s.deviceSeen(identity.id());
        }
    }

    @Override
    public void disconnected(String clientId, DeviceIdentity identity) {
        // Subscriptions stay: a device with a persistent session gets its downlinks when it returns.
    }

    /**
     * Sends the gateway status uplink when due; runs on the sender thread.
     *
     * @return nanoseconds until the next status uplink is due, {@code Long.MAX_VALUE} when they are off
     */
    private long statusTick() {
        ForwarderSettings s = settings;
        if (s == null || s.gatewayDeviceId().isEmpty() || s.statusInterval().isZero()) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        if (now - nextStatusNanos < 0) {
            return nextStatusNanos - now;
        }
        nextStatusNanos = now + s.statusInterval().toNanos();
        MessageProperties props = new MessageProperties("application/json", 1, List.of(), null, null, null);
        Uplink status = new Uplink(s.gatewayDeviceId(), List.of("gateway_status"), "gateway_status",
                StatusJson.of(status()), 1, false, props, Instant.now());
        offer(status).exceptionally(e -> {
            LOG.debug("Gateway status uplink not buffered: {}", e.getMessage());
            return null;
        });
        return s.statusInterval().toNanos();
    }

    @Override
    public ComponentStatus status() {
        UplinkSender s = sender;
        return ConfigStatus.withProblems(ForwarderStatusBuilder.build(settings, buffer, writer, linkStatus.get(), stats,
                s == null ? 0 : s.inflight(), devices.subscribedCount(), topicPolicy != null, localDelivery != null),
                problems);
    }
}
