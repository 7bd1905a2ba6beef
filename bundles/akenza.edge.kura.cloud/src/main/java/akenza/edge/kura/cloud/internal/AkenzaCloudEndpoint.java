// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.api.cloud.CloudUplinks;
import akenza.edge.api.cloud.DownlinkListener;
import akenza.edge.api.cloud.LinkListener;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.config.ConfigStatus;
import java.time.Instant;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraDisconnectException;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.CloudConnectionManager;
import org.eclipse.kura.cloudconnection.CloudEndpoint;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.subscriber.listener.CloudSubscriberListener;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.message.KuraPayload;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One akenza cloud connection (a factory configuration per connection). Publishes through the forwarder's
 * durable buffer, reports the forwarder's connection state, confirms deliveries when akenza acknowledged them
 * and hands downlinks to subscribers. The forwarder owns the MQTT connection: connect and disconnect only
 * report on it.
 */
@Component(name = Pids.ENDPOINT, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {CloudEndpoint.class, CloudConnectionManager.class, ConfigurableComponent.class, LinkListener.class},
        property = "kura.ui.service.hide:Boolean=true")
@Designate(ocd = EndpointConfig.class, factory = true)
public class AkenzaCloudEndpoint implements CloudEndpoint, CloudConnectionManager, ConfigurableComponent, LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(AkenzaCloudEndpoint.class);
    /** Longest a publish waits for the buffer to commit the message to disk. */
    private static final long DURABLE_TIMEOUT_SECONDS = 30;

    private final Set<CloudConnectionListener> connectionListeners = new CopyOnWriteArraySet<>();
    private final Set<CloudDeliveryListener> deliveryListeners = new CopyOnWriteArraySet<>();
    private final Map<CloudSubscriberListener, ServiceRegistration<DownlinkListener>> subscribers =
            new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private volatile CloudUplinks uplinks;
    private volatile BundleContext context;
    private volatile String defaultDeviceId = "";

    @Reference
    void bindCloudUplinks(CloudUplinks service) {
        uplinks = service;
    }

    void unbindCloudUplinks(CloudUplinks service) {
        // Static reference: the component is deactivated first.
    }

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ConfigReader reader = new ConfigReader(properties);
        defaultDeviceId = reader.string("device.id", "", TopicLevels::isLevel,
                "an akenza device id without / + # or control characters");
        ConfigStatus.log(LOG, String.valueOf(properties.get("kura.service.pid")), reader.problems());
    }

    @Deactivate
    void deactivate() {
        subscribers.values().forEach(AkenzaCloudEndpoint::unregister);
        subscribers.clear();
    }

    /**
     * Publishes one message as an uplink; returns once it is durable in the forwarder's buffer.
     *
     * @param options the publisher's options
     * @param payload the Kura payload
     * @param confirmed told the message id when akenza acknowledged the uplink
     * @return the message id, or {@code null} for QoS 0 (no confirmation)
     * @throws KuraException when the message cannot be sent (bad content, no device id, buffer refused it)
     */
    String publish(PublishOptions options, KuraPayload payload, Consumer<String> confirmed) throws KuraException {
        String device = options.deviceId().isEmpty() ? defaultDeviceId() : options.deviceId();
        byte[] bytes;
        MessageProperties props;
        if (options.body()) {
            bytes = payload.getBody();
            if (bytes == null) {
                throw new KuraException(KuraErrorCode.INVALID_PARAMETER, null, null, "missing message body");
            }
            props = new MessageProperties(options.contentType(), null, List.of(), null, null, null);
        } else {
            bytes = KuraJson.encode(payload);
            props = new MessageProperties(ContentTypes.JSON, 1, List.of(), null, null, null);
        }
        Uplink uplink = new Uplink(device, options.levels(), TopicLevels.akenzaTopic(options.levels()), bytes,
                options.qos(), false, props, Instant.now());
        String id = options.qos() == 0 ? null : Long.toString(messageIds.incrementAndGet());
        Runnable onAck = id == null ? () -> {
        } : () -> {
            confirmed.accept(id);
            deliveryListeners.forEach(l -> Listeners.call(() -> l.onMessageConfirmed(id)));
        };
        awaitDurable(uplink, onAck);
        return id;
    }

    private String defaultDeviceId() throws KuraException {
        String d = defaultDeviceId;
        if (!d.isEmpty()) {
            return d;
        }
        return uplinks.gatewayDeviceId().orElseThrow(() -> new KuraException(KuraErrorCode.CONFIGURATION_ERROR,
                null, null, "no akenza device id: set one in the publisher, the cloud connection or the "
                        + "forwarder's gateway device id"));
    }

    private void awaitDurable(Uplink uplink, Runnable onAck) throws KuraException {
        try {
            uplinks.offer(uplink, onAck).toCompletableFuture().get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e, "interrupted while publishing");
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UplinkRefusedException r ? r.getMessage() : "buffer error";
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e.getCause(), "akenza uplink refused: " + why);
        } catch (TimeoutException e) {
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e, "akenza uplink buffer did not accept in time");
        }
    }

    /**
     * Publishes with the connection's defaults and the message's {@code device.id}, {@code topic} and
     * {@code qos} properties, as metrics JSON. Applications should use a CloudPublisher instead.
     */
    @Override
    public String publish(KuraMessage message) throws KuraException {
        Map<String, Object> props = new LinkedHashMap<>(message.getProperties());
        props.remove(PublishOptions.PAYLOAD);
        try {
            return publish(PublishOptions.from(props), message.getPayload(), id -> {
            });
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, e, e.getMessage());
        }
    }

    /** Registers a subscriber with the properties {@code device.id} and optional {@code topic}. */
    @Override
    public void registerSubscriber(Map<String, Object> subscriptionProperties, CloudSubscriberListener listener) {
        registerSubscriber(SubscribeOptions.from(subscriptionProperties), listener);
    }

    void registerSubscriber(SubscribeOptions options, CloudSubscriberListener listener) {
        BundleContext ctx = context;
        if (ctx == null) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DownlinkListener.DEVICE_ID, options.deviceId());
        DownlinkListener relay = downlink -> {
            if (TopicLevels.matches(options.filter(), downlink.levels())) {
                KuraMessage m = DownlinkMessages.toKuraMessage(downlink);
                Listeners.call(() -> listener.onMessageArrived(m));
            }
        };
        ServiceRegistration<DownlinkListener> previous = subscribers.put(listener,
                ctx.registerService(DownlinkListener.class, relay, props));
        unregister(previous);
    }

    @Override
    public void unregisterSubscriber(CloudSubscriberListener listener) {
        unregister(subscribers.remove(listener));
    }

    private static void unregister(ServiceRegistration<DownlinkListener> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    @Override
    public Map<String, String> getInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Cloud", "akenza (through the akenza Edge uplink forwarder)");
        info.put("Connected", Boolean.toString(isConnected()));
        info.put("Default device id", defaultDeviceId.isEmpty()
                ? uplinks.gatewayDeviceId().orElse("(none)") + " (gateway device id)" : defaultDeviceId);
        return info;
    }

    @Override
    public void registerCloudDeliveryListener(CloudDeliveryListener listener) {
        deliveryListeners.add(listener);
    }

    @Override
    public void unregisterCloudDeliveryListener(CloudDeliveryListener listener) {
        deliveryListeners.remove(listener);
    }

    /** The forwarder connects by itself; this only tells whether it is connected. */
    @Override
    public void connect() throws KuraConnectException {
        if (!isConnected()) {
            throw new KuraConnectException("akenza Edge's uplink forwarder is not connected to akenza: it connects by "
                    + "itself once enabled and its device connector is set (see its status); messages are kept "
                    + "in its buffer meanwhile");
        }
    }

    /** The connection is the forwarder's: disable the forwarder to disconnect. */
    @Override
    public void disconnect() throws KuraDisconnectException {
        throw new KuraDisconnectException("the connection to akenza belongs to akenza Edge's uplink forwarder: "
                + "disable the forwarder to disconnect");
    }

    @Override
    public boolean isConnected() {
        CloudUplinks u = uplinks;
        return u != null && u.isConnected();
    }

    @Override
    public void registerCloudConnectionListener(CloudConnectionListener listener) {
        connectionListeners.add(listener);
    }

    @Override
    public void unregisterCloudConnectionListener(CloudConnectionListener listener) {
        connectionListeners.remove(listener);
    }

    @Override
    public void linkUp() {
        connectionListeners.forEach(l -> Listeners.call(l::onConnectionEstablished));
    }

    @Override
    public void linkDown(boolean lost) {
        connectionListeners.forEach(l -> Listeners.call(lost ? l::onConnectionLost : l::onDisconnected));
    }
}
