// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

/** How a client proved who it is. */
public enum AuthMethod {
    /** A per-device JWT signed with the device's private key; the identity's id is the device id. */
    JWT,
    /** A connector id and its uplink secret; one connection may speak for several devices. */
    CONNECTOR_SECRET,
    /** A local-application account of the broker (Node-RED, Kura Wires, ...), not an akenza device. */
    LOCAL_APPLICATION,
    /** No credentials, admitted because the broker allows anonymous clients. */
    ANONYMOUS;

    /** @return whether this method identifies an akenza device (JWT or connector secret) */
    public boolean isDevice() {
        return this == JWT || this == CONNECTOR_SECRET;
    }
}
