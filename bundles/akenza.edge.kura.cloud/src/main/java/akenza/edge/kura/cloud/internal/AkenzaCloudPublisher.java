// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.common.config.ConfigReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.CloudConnectionConstants;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An akenza publisher (one factory configuration each, created from Kura's Cloud Connections page). Wires'
 * Publisher and Kura applications bind it by target filter and publish {@link KuraMessage}s.
 *
 * <p>Declares {@code service.pid} like Kura's own publishers: Kura's console lists a publisher type only when
 * its component description has it. The descriptor stays DS 1.1, where Felix SCR replaces it with the
 * configuration's PID (DS 1.3+ would make it a list that Kura's ConfigurationService cannot read). Descriptor
 * and metatype: {@code OSGI-INF/akenza.edge.kura.cloud.AkenzaCloudPublisher.xml} and {@code OSGI-INF/metatype/}
 * (written by hand, not generated).
 */
public class AkenzaCloudPublisher extends EndpointBinding implements CloudPublisher, ConfigurableComponent {

    private static final Logger LOG = LoggerFactory.getLogger(AkenzaCloudPublisher.class);

    private final Set<CloudDeliveryListener> deliveryListeners = new CopyOnWriteArraySet<>();
    private volatile PublishOptions options;
    private volatile String invalid;
    private BundleContext context;

    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        modified(properties);
    }

    void modified(Map<String, Object> properties) {
        try {
            options = PublishOptions.from(properties);
            invalid = null;
        } catch (IllegalArgumentException e) {
            options = null;
            invalid = e.getMessage();
            LOG.warn("akenza publisher {} is misconfigured: {}", properties.get("kura.service.pid"), e.getMessage());
        }
        track(context, new ConfigReader(properties)
                .string(CloudConnectionConstants.CLOUD_ENDPOINT_SERVICE_PID_PROP_NAME.value(), ""));
    }

    void deactivate() {
        untrack();
    }

    @Override
    protected void bound(AkenzaCloudEndpoint e) {
        // nothing to set up: each publish goes to the current endpoint
    }

    @Override
    protected void unbinding(AkenzaCloudEndpoint e) {
        // nothing to tear down
    }

    @Override
    public String publish(KuraMessage message) throws KuraException {
        PublishOptions o = options;
        if (o == null) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, null, null,
                    "invalid akenza publisher configuration: " + invalid);
        }
        AkenzaCloudEndpoint e = endpoint();
        if (e == null) {
            throw new KuraException(KuraErrorCode.NOT_FOUND, null, null, "akenza cloud connection not bound");
        }
        return e.publish(o, message.getPayload(), this::confirmed);
    }

    private void confirmed(String messageId) {
        deliveryListeners.forEach(l -> Listeners.call(() -> l.onMessageConfirmed(messageId)));
    }

    @Override
    public void registerCloudDeliveryListener(CloudDeliveryListener listener) {
        deliveryListeners.add(listener);
    }

    @Override
    public void unregisterCloudDeliveryListener(CloudDeliveryListener listener) {
        deliveryListeners.remove(listener);
    }
}
