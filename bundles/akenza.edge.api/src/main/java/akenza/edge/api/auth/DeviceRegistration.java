// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway knows about one device's credentials.
 *
 * @param deviceId the device id
 * @param hasKeys whether JWT keys are registered for the device
 * @param connectors the connectors that may speak for the device (connectors without an allow-list
 *        count for every device)
 */
public record DeviceRegistration(String deviceId, boolean hasKeys, List<Connector> connectors) {

    /** Copies the connector list. */
    public DeviceRegistration {
        Objects.requireNonNull(deviceId, "deviceId");
        connectors = List.copyOf(connectors);
    }
}
