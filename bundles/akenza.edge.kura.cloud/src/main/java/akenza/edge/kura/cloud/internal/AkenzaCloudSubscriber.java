// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.common.config.ConfigReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.kura.cloudconnection.CloudConnectionConstants;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.subscriber.CloudSubscriber;
import org.eclipse.kura.cloudconnection.subscriber.listener.CloudSubscriberListener;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An akenza subscriber (one factory configuration each): hands the downlinks of one akenza device to the Kura
 * listeners registered with it (Wires' Subscriber, applications). Declares {@code service.pid} for Kura's
 * console, in a DS 1.1 descriptor, as {@link AkenzaCloudPublisher} explains. Descriptor and metatype:
 * {@code OSGI-INF/akenza.edge.kura.cloud.AkenzaCloudSubscriber.xml} and {@code OSGI-INF/metatype/} (by hand).
 */
public class AkenzaCloudSubscriber extends EndpointBinding implements CloudSubscriber, ConfigurableComponent,
        CloudSubscriberListener {

    private static final Logger LOG = LoggerFactory.getLogger(AkenzaCloudSubscriber.class);

    private final Set<CloudSubscriberListener> listeners = new CopyOnWriteArraySet<>();
    private volatile SubscribeOptions options;
    private BundleContext context;

    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        modified(properties);
    }

    void modified(Map<String, Object> properties) {
        untrack();
        try {
            options = SubscribeOptions.from(properties);
        } catch (IllegalArgumentException e) {
            options = null;
            LOG.warn("akenza subscriber {} is misconfigured: {}", properties.get("kura.service.pid"), e.getMessage());
            return;
        }
        track(context, new ConfigReader(properties)
                .string(CloudConnectionConstants.CLOUD_ENDPOINT_SERVICE_PID_PROP_NAME.value(), ""));
    }

    void deactivate() {
        untrack();
    }

    @Override
    protected void bound(AkenzaCloudEndpoint e) {
        SubscribeOptions o = options;
        if (o != null) {
            e.registerSubscriber(o, this);
        }
    }

    @Override
    protected void unbinding(AkenzaCloudEndpoint e) {
        e.unregisterSubscriber(this);
    }

    @Override
    public void onMessageArrived(KuraMessage message) {
        listeners.forEach(l -> Listeners.call(() -> l.onMessageArrived(message)));
    }

    @Override
    public void registerCloudSubscriberListener(CloudSubscriberListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unregisterCloudSubscriberListener(CloudSubscriberListener listener) {
        listeners.remove(listener);
    }
}
