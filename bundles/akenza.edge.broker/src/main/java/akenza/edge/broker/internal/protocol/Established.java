// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.session.Session;

/**
 * What an accepted CONNECT established, fixed for the rest of the connection; each flow gets it when the
 * connection is accepted instead of reading the connection's fields.
 *
 * @param clientId the client id (assigned by the broker when the client sent none)
 * @param identity who the client authenticated as
 * @param version the MQTT protocol level (3, 4 or 5)
 * @param session the session the connection owns
 * @param problemInformation MQTT 5 Request Problem Information: when false, acknowledgements carry no reason string
 * @param tls whether the connection came through the TLS listener
 */
record Established(String clientId, DeviceIdentity identity, int version, Session session,
        boolean problemInformation, boolean tls) {

    /** @return whether the client speaks MQTT 5 */
    boolean v5() {
        return version == 5;
    }
}
