// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.kura.cloudconnection.CloudConnectionConstants;
import org.eclipse.kura.cloudconnection.CloudEndpoint;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What publishers and subscribers share: the akenza endpoint named by their {@code cloud.endpoint.service.pid}
 * (Kura's Cloud Connections page sets it when it creates them), tracked like Kura's own providers do, and the
 * connection listeners applications register with them.
 */
abstract class EndpointBinding implements CloudConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointBinding.class);

    private final Set<CloudConnectionListener> connectionListeners = new CopyOnWriteArraySet<>();
    private volatile AkenzaCloudEndpoint endpoint;
    private ServiceTracker<CloudEndpoint, AkenzaCloudEndpoint> tracker;

    /** @return the bound endpoint, or {@code null} */
    protected AkenzaCloudEndpoint endpoint() {
        return endpoint;
    }

    /** Called when the endpoint is bound. */
    protected abstract void bound(AkenzaCloudEndpoint e);

    /** Called before the endpoint is unbound. */
    protected abstract void unbinding(AkenzaCloudEndpoint e);

    /**
     * (Re)starts tracking the endpoint whose {@code kura.service.pid} the configuration names.
     *
     * @param context the bundle context
     * @param endpointPid the configured {@code cloud.endpoint.service.pid}, or empty
     */
    protected synchronized void track(BundleContext context, String endpointPid) {
        untrack();
        if (endpointPid.isEmpty()) {
            LOG.warn("No {} configured: not bound to any akenza cloud connection",
                    CloudConnectionConstants.CLOUD_ENDPOINT_SERVICE_PID_PROP_NAME.value());
            return;
        }
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + CloudEndpoint.class.getName() + ")("
                    + ConfigurationService.KURA_SERVICE_PID + "=" + escape(endpointPid) + "))");
        } catch (InvalidSyntaxException e) {
            LOG.warn("Invalid cloud endpoint pid; not bound");
            return;
        }
        tracker = new ServiceTracker<>(context, filter, new Customizer(context));
        tracker.open();
    }

    /** Stops tracking; unbinds the endpoint. */
    protected synchronized void untrack() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    private final class Customizer implements ServiceTrackerCustomizer<CloudEndpoint, AkenzaCloudEndpoint> {
        private final BundleContext context;

        Customizer(BundleContext context) {
            this.context = context;
        }

        @Override
        public AkenzaCloudEndpoint addingService(ServiceReference<CloudEndpoint> reference) {
            CloudEndpoint service = context.getService(reference);
            if (!(service instanceof AkenzaCloudEndpoint e)) {
                // Another provider's endpoint with that pid: not ours to use.
                context.ungetService(reference);
                return null;
            }
            endpoint = e;
            e.registerCloudConnectionListener(EndpointBinding.this);
            bound(e);
            return e;
        }

        @Override
        public void modifiedService(ServiceReference<CloudEndpoint> reference, AkenzaCloudEndpoint service) {
            // nothing depends on its properties
        }

        @Override
        public void removedService(ServiceReference<CloudEndpoint> reference, AkenzaCloudEndpoint service) {
            unbinding(service);
            service.unregisterCloudConnectionListener(EndpointBinding.this);
            if (endpoint == service) {
                endpoint = null;
            }
            context.ungetService(reference);
        }
    }

    /** @param listener told about the akenza connection */
    public void registerCloudConnectionListener(CloudConnectionListener listener) {
        connectionListeners.add(listener);
    }

    /** @param listener no longer told */
    public void unregisterCloudConnectionListener(CloudConnectionListener listener) {
        connectionListeners.remove(listener);
    }

    @Override
    public void onDisconnected() {
        connectionListeners.forEach(l -> Listeners.call(l::onDisconnected));
    }

    @Override
    public void onConnectionLost() {
        connectionListeners.forEach(l -> Listeners.call(l::onConnectionLost));
    }

    @Override
    public void onConnectionEstablished() {
        connectionListeners.forEach(l -> Listeners.call(l::onConnectionEstablished));
    }
}
