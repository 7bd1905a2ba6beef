// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura.configuration;

import java.util.Map;
import org.eclipse.kura.KuraException;

/**
 * Stand-in: the constant and the two factory-configuration methods of Kura's ConfigurationService that
 * akenza Edge's cloud connection factory calls (signatures as in Kura 5.5). Kura's other methods are left out.
 */
public interface ConfigurationService {

    /** The property Kura sets on every configuration it manages. */
    String KURA_SERVICE_PID = "kura.service.pid";

    /**
     * Creates a new ConfigurableComponent instance by creating a new configuration from a Configuration Admin
     * factory, with the metatype defaults, the given properties and {@link #KURA_SERVICE_PID} set to {@code pid}.
     *
     * @param factoryPid the ID of the factory
     * @param pid the value of {@link #KURA_SERVICE_PID} in the new configuration
     * @param properties optional properties merged over the metatype defaults
     * @param takeSnapshot whether a snapshot is taken
     * @throws KuraException if pid is null, it already exists or creation fails
     */
    public void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException;

    /**
     * Deletes the ConfigurableComponent instance having the specified PID.
     *
     * @param pid the PID of the component instance to delete
     * @param takeSnapshot whether a snapshot is taken
     * @throws KuraException if the PID is not found or was not created by createFactoryConfiguration
     */
    public void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException;
}
