// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.testing;

import akenza.edge.api.auth.ConnectRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** CONNECT requests for the tests. */
public final class Requests {

    private Requests() {
    }

    /**
     * @param clientId the client id
     * @param username the user name, may be null
     * @param password the password, may be null
     * @param address the remote IP address
     * @return an MQTT 3.1.1 request from that address
     */
    public static ConnectRequest connect(String clientId, String username, String password, String address) {
        return new ConnectRequest(clientId, username,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress(address, 40000), false, 4);
    }

    /**
     * @param deviceId the client id = device id
     * @param token the JWT
     * @return a JWT device CONNECT as akenza's examples send it (user name "unused")
     */
    public static ConnectRequest jwt(String deviceId, String token) {
        return connect(deviceId, "unused", token, "127.0.0.1");
    }
}
