// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceDirectory;
import akenza.edge.api.auth.DeviceRegistration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A device directory for tests, filled with {@link #with}. */
public final class TestDirectory implements DeviceDirectory {

    private final Map<String, DeviceRegistration> devices = new HashMap<>();

    /**
     * @param deviceId a device id
     * @param hasKeys whether it has JWT keys
     * @param connectors the connectors that may speak for it
     * @return this directory
     */
    public TestDirectory with(String deviceId, boolean hasKeys, Connector... connectors) {
        devices.put(deviceId, new DeviceRegistration(deviceId, hasKeys, List.of(connectors)));
        return this;
    }

    @Override
    public Optional<DeviceRegistration> lookup(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }
}
