// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.cloud;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the forwarder's connection to akenza comes up or goes down. Register it as an OSGi service
 * (whiteboard); the forwarder calls every registered listener from one of its threads, so return quickly.
 */
@ConsumerType
public interface LinkListener {

    /** The forwarder connected to akenza. */
    void linkUp();

    /**
     * The forwarder lost or closed its connection to akenza.
     *
     * @param lost {@code true} when the connection was lost, {@code false} when the forwarder closed it
     *        (stopped, disabled, reconfigured)
     */
    void linkDown(boolean lost);
}
