// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured connectors, by id. Immutable. */
public final class ConnectorSet {

    private final Map<String, SecretConnector> byId;

    /** @param connectors the connectors; a repeated id keeps the first */
    public ConnectorSet(List<SecretConnector> connectors) {
        Map<String, SecretConnector> map = new LinkedHashMap<>();
        for (SecretConnector c : connectors) {
            map.putIfAbsent(c.id(), c);
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /**
     * @param id a user name from a CONNECT, may be {@code null}
     * @return the connector with that id
     */
    public Optional<SecretConnector> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /**
     * @param deviceId a device id
     * @return the connectors that may speak for the device, in configuration order
     */
    public List<SecretConnector> allowing(String deviceId) {
        List<SecretConnector> result = new ArrayList<>();
        for (SecretConnector c : byId.values()) {
            if (c.allowsDevice(deviceId)) {
                result.add(c);
            }
        }
        return result;
    }

    /** @return how many connectors are configured */
    public int size() {
        return byId.size();
    }
}
