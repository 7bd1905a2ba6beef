// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.uplink.internal.buffer.BufferSettings;
import akenza.edge.uplink.internal.buffer.OverflowPolicy;
import akenza.edge.uplink.internal.client.UpstreamSettings;
import akenza.edge.uplink.internal.sender.LinkSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The parsed configuration. {@link #toString()} never shows the secret.
 *
 * @param enabled whether to connect upstream
 * @param buffer the buffer settings
 * @param upstream where to connect, or {@code null} when no connector is configured
 * @param link how to drive the upstream
 * @param gatewayDeviceId the gateway's device id for status uplinks, empty = none
 * @param statusInterval the status uplink interval, zero = off
 */
public record ForwarderSettings(boolean enabled, BufferSettings buffer, UpstreamSettings upstream, LinkSettings link,
        String gatewayDeviceId, Duration statusInterval) {

    /**
     * @param c the configuration
     * @param decrypt turns a stored Password value into the plain secret
     * @return the settings
     */
    public static ForwarderSettings from(ForwarderConfig c, UnaryOperator<String> decrypt) {
        String dir = trim(c.buffer_dir());
        BufferSettings buffer = new BufferSettings(dir.isEmpty() ? HomeDirectory.resolve().resolve("buffer")
                : Path.of(dir), c.buffer_max_bytes(), Duration.ofSeconds(Math.max(1, c.buffer_max_age())),
                OverflowPolicy.parse(c.buffer_overflow_policy()), c.buffer_commit_interval(), c.buffer_commit_batch(),
                c.buffer_fsync(), c.buffer_qos0());
        boolean mqtt5 = !"3.1.1".equals(trim(c.protocol()));
        String connectorId = trim(c.connector_id());
        String secret = trim(c.connector_secret());
        secret = secret.isEmpty() ? secret : trim(decrypt.apply(secret));
        UpstreamSettings upstream = null;
        if (!connectorId.isEmpty() && !secret.isEmpty() && !trim(c.host()).isEmpty()) {
            String clientId = trim(c.client_id());
            upstream = new UpstreamSettings(trim(c.host()), c.port(), c.tls(), trim(c.ca_path()), mqtt5, connectorId,
                    secret, clientId.isEmpty() ? defaultClientId() : clientId, Math.max(5, c.keep_alive()), 30,
                    "paho".equals(trim(c.upstream_client())));
        }
        int min = Math.max(1, c.reconnect_min());
        LinkSettings link = new LinkSettings(c.qos(), c.inflight_window(), Duration.ofSeconds(min),
                Duration.ofSeconds(Math.max(min, c.reconnect_max())), Duration.ofSeconds(Math.max(1, c.ack_timeout())),
                c.downlinks_enabled(), c.downlinks_per_device(), mqtt5);
        return new ForwarderSettings(c.enabled(), buffer, upstream, link, trim(c.gateway_device_id()),
                Duration.ofMinutes(Math.max(0, c.status_interval())));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** @return {@code akenza-edge-<host name>}, reduced to characters every broker accepts */
    static String defaultClientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "gateway";
        }
        String id = "akenza-edge-" + host.replaceAll("[^A-Za-z0-9-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** @return why the forwarder does not connect, or {@code null} when it should */
    public String idleReason() {
        if (upstream == null) {
            return "no connector configured";
        }
        return enabled ? null : "disabled";
    }
}
