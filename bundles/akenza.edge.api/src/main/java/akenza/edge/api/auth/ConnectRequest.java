// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a client presented in its MQTT CONNECT, plus where it came from.
 *
 * <p>{@link #toString()} never shows the password: it may be a JWT or a connector secret.
 *
 * @param clientId the client identifier (possibly assigned by the broker when the client sent none)
 * @param username the user name, or {@code null} when the client sent none
 * @param password the password bytes, or {@code null} when the client sent none; callers must not log it
 * @param remoteAddress the client's socket address
 * @param tls whether the connection is TLS-protected
 * @param protocolVersion the MQTT protocol level: 3 (3.1), 4 (3.1.1) or 5 (5.0)
 */
public record ConnectRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress,
        boolean tls, int protocolVersion) {

    /** Checks the required fields and takes a private copy of the password. */
    public ConnectRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        password = password == null ? null : password.clone();
    }

    /** @return a copy of the password bytes, or {@code null} when none was sent */
    @Override
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    /** @return whether the client sent a password */
    public boolean hasPassword() {
        return password != null;
    }

    /** @return the password length in bytes, 0 when none was sent; lets callers cap sizes without copying */
    public int passwordLength() {
        return password == null ? 0 : password.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectRequest r && clientId.equals(r.clientId) && Objects.equals(username, r.username)
                && Arrays.equals(password, r.password) && remoteAddress.equals(r.remoteAddress) && tls == r.tls
                && protocolVersion == r.protocolVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, username, remoteAddress, tls, protocolVersion);
    }

    @Override
    public String toString() {
        return "ConnectRequest[clientId=" + clientId + ", username=" + username + ", password="
                + (password == null ? "none" : "****") + ", remote=" + remoteAddress + ", tls=" + tls
                + ", protocolVersion=" + protocolVersion + "]";
    }
}
