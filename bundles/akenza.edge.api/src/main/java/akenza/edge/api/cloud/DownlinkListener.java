// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.cloud;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the downlinks akenza sends to one device. Register it as an OSGi service (whiteboard) with the
 * service property {@value #DEVICE_ID} naming the akenza device id; the forwarder subscribes upstream for
 * that device when needed and calls the listener from its receiving thread, so return quickly.
 */
@ConsumerType
public interface DownlinkListener {

    /** The service property holding the akenza device id whose downlinks the listener wants. */
    String DEVICE_ID = "akenza.device.id";

    /** @param downlink a downlink for the listener's device */
    void downlinkArrived(Downlink downlink);
}
