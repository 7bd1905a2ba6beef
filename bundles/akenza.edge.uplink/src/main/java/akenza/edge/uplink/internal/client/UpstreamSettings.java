// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

/**
 * Where and how to connect upstream. {@link #toString()} never shows the secret.
 *
 * @param host the broker host
 * @param port the broker port
 * @param tls whether to use TLS (1.2 or newer)
 * @param caPath a PEM file of trusted CA certificates; empty = the system trust store
 * @param mqtt5 MQTT 5 (true) or 3.1.1 (false)
 * @param connectorId the user name (akenza device connector id)
 * @param secret the password (connector secret); never log it
 * @param clientId the client id
 * @param keepAliveSeconds the MQTT keep alive
 * @param connectTimeoutSeconds how long a connection attempt may take
 * @param paho whether to use the Eclipse Paho clients instead of {@link NettyUpstream}
 */
public record UpstreamSettings(String host, int port, boolean tls, String caPath, boolean mqtt5, String connectorId,
        String secret, String clientId, int keepAliveSeconds, int connectTimeoutSeconds, boolean paho) {

    /** @return the server URI for Paho */
    public String serverUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "ssl://" : "tcp://") + h + ":" + port;
    }

    @Override
    public String toString() {
        return "UpstreamSettings[" + serverUri() + ", mqtt" + (mqtt5 ? "5" : "3.1.1") + ", connector=" + connectorId
                + ", clientId=" + clientId + ", client=" + (paho ? "paho" : "netty") + ", secret=****]";
    }
}
