// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.CloudEndpoint;
import org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Makes "akenza" one of the connection types of Kura's Cloud Connections page. A connection is one endpoint
 * configuration; all connections share the gateway's one akenza Edge uplink forwarder, which the page shows
 * as part of each connection so its device connector can be set there.
 */
@Component(name = Pids.FACTORY, service = CloudConnectionFactory.class,
        property = {"kura.ui.csf.pid.default=" + Pids.DEFAULT_CONNECTION,
            "kura.ui.csf.pid.regex=" + Pids.CONNECTION_REGEX})
public class AkenzaCloudConnectionFactory implements CloudConnectionFactory {

    private volatile ConfigurationService configurationService;
    private volatile BundleContext context;

    // Optional: Kura always has it; without it (standalone runtime) the factory is listed but cannot create.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindConfigurationService(ConfigurationService service) {
        configurationService = service;
    }

    void unbindConfigurationService(ConfigurationService service) {
        if (configurationService == service) {
            configurationService = null;
        }
    }

    private ConfigurationService configurationService() throws KuraException {
        ConfigurationService cs = configurationService;
        if (cs == null) {
            throw new KuraException(KuraErrorCode.NOT_FOUND, null, null, "Kura's ConfigurationService is not available");
        }
        return cs;
    }

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    @Override
    public String getFactoryPid() {
        return Pids.ENDPOINT;
    }

    @Override
    public void createConfiguration(String pid) throws KuraException {
        requireConnectionPid(pid);
        configurationService().createFactoryConfiguration(Pids.ENDPOINT, pid,
                Map.of(KURA_CLOUD_CONNECTION_FACTORY_PID, Pids.FACTORY), true);
    }

    @Override
    public List<String> getStackComponentsPids(String pid) throws KuraException {
        requireConnectionPid(pid);
        return List.of(pid, Pids.FORWARDER);
    }

    @Override
    public void deleteConfiguration(String pid) throws KuraException {
        requireConnectionPid(pid);
        // Only the endpoint: the forwarder is shared by every connection and by the devices on the LAN.
        configurationService().deleteFactoryConfiguration(pid, true);
    }

    @Override
    public Set<String> getManagedCloudConnectionPids() throws KuraException {
        try {
            return context.getServiceReferences(CloudEndpoint.class, null).stream()
                    .filter(AkenzaCloudConnectionFactory::isOurs)
                    .map(ref -> (String) ref.getProperty(ConfigurationService.KURA_SERVICE_PID))
                    .collect(Collectors.toSet());
        } catch (InvalidSyntaxException e) {
            throw new KuraException(KuraErrorCode.INTERNAL_ERROR, e);
        }
    }

    private static boolean isOurs(ServiceReference<CloudEndpoint> ref) {
        return ref.getProperty(ConfigurationService.KURA_SERVICE_PID) instanceof String pid
                && Pids.CONNECTION.matcher(pid).matches()
                && Pids.FACTORY.equals(ref.getProperty(KURA_CLOUD_CONNECTION_FACTORY_PID));
    }

    private static void requireConnectionPid(String pid) throws KuraException {
        if (pid == null || !Pids.CONNECTION.matcher(pid).matches()) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, null, null,
                    "an akenza connection name must match " + Pids.CONNECTION_REGEX);
        }
    }
}
