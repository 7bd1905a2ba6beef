// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.util.Optional;

/**
 * Looks up how a device authenticates, so a downlink can be addressed to the local topic form the device
 * subscribes with. Provided by the credentials component.
 */
public interface DeviceDirectory {

    /**
     * @param deviceId a device id
     * @return its registration, or empty when the gateway knows no keys for it and no connector may speak for it;
     *         connectors without an allow-list may speak for every device, so they appear in every registration
     */
    Optional<DeviceRegistration> lookup(String deviceId);
}
