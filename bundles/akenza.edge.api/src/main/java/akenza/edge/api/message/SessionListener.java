// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import akenza.edge.api.auth.DeviceIdentity;

/**
 * Whiteboard service: told when authenticated clients come and go (the forwarder uses it to subscribe
 * upstream per device when the upstream refuses wildcard subscriptions). Calls must return quickly.
 */
public interface SessionListener {

    /**
     * @param clientId the client id
     * @param identity who connected
     */
    void connected(String clientId, DeviceIdentity identity);

    /**
     * @param clientId the client id
     * @param identity who disconnected
     */
    void disconnected(String clientId, DeviceIdentity identity);
}
