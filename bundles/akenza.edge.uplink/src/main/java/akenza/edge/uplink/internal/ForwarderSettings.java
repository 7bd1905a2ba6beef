// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.home.HomeDirectory;
import akenza.edge.uplink.internal.buffer.BufferSettings;
import akenza.edge.uplink.internal.buffer.OverflowPolicy;
import akenza.edge.uplink.internal.client.UpstreamSettings;
import akenza.edge.uplink.internal.sender.LinkSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
     * Reads the configuration (property names as in {@link ForwarderConfig}, {@code _} = {@code .}) with the one
     * bad-value rule: a bad value is replaced by its default and recorded in the reader's problems.
     *
     * @param r the component properties
     * @param decrypt turns a stored Password value into the plain secret
     * @return the settings
     */
    public static ForwarderSettings read(ConfigReader r, UnaryOperator<String> decrypt) {
        Path dir = r.path("buffer.dir");
        String overflow = r.string("buffer.overflow.policy", "drop-oldest",
                v -> List.of("drop-oldest", "refuse-new").contains(v.replace('_', '-').toLowerCase(Locale.ROOT)),
                "drop-oldest or refuse-new");
        BufferSettings buffer = new BufferSettings(dir == null ? HomeDirectory.resolve().resolve("buffer") : dir,
                r.number("buffer.max.bytes", 268_435_456L, 65_536, Long.MAX_VALUE),
                Duration.ofSeconds(r.number("buffer.max.age", 604_800L, 1, Long.MAX_VALUE / 1_000_000_000L)),
                OverflowPolicy.parse(overflow), r.integer("buffer.commit.interval", 50, 1, 10_000),
                r.integer("buffer.commit.batch", 1000, 1, 100_000), r.bool("buffer.fsync", true),
                r.bool("buffer.qos0", true));
        boolean mqtt5 = "5".equals(r.oneOf("protocol", "5", List.of("5", "3.1.1")));
        String host = r.string("host", "mqtt.akenza.io", v -> v.chars().noneMatch(Character::isWhitespace),
                "a host name or IP address");
        int port = r.integer("port", 8883, 1, 65_535);
        boolean tls = r.bool("tls", true);
        String caPath = r.string("ca.path", "");
        String connectorId = r.string("connector.id", "");
        String secret = r.password("connector.secret", decrypt).trim();
        String clientId = r.string("client.id", "");
        int keepAlive = r.integer("keep.alive", 60, 5, 65_535);
        UpstreamSettings upstream = null;
        boolean paho = "paho".equals(r.oneOf("upstream.client", "netty", List.of("netty", "paho")));
        if (!connectorId.isEmpty() && !secret.isEmpty()) {
            upstream = new UpstreamSettings(host, port, tls, caPath, mqtt5, connectorId, secret,
                    clientId.isEmpty() ? defaultClientId() : clientId, keepAlive, 30, paho);
        }
        int min = r.integer("reconnect.min", 1, 1, Integer.MAX_VALUE);
        int max = r.integer("reconnect.max", 120, 1, Integer.MAX_VALUE);
        if (max < min) {
            max = Math.max(120, min);
            r.reject("reconnect.max", r.string("reconnect.max", ""), "must be at least reconnect.min (" + min
                    + "); using " + max);
        }
        LinkSettings link = new LinkSettings(r.integer("qos", 1, 0, 2), r.integer("inflight.window", 100, 1, 65_535),
                Duration.ofSeconds(min), Duration.ofSeconds(max),
                Duration.ofSeconds(r.integer("ack.timeout", 30, 1, Integer.MAX_VALUE)),
                r.bool("downlinks.enabled", true), r.bool("downlinks.per.device", false), mqtt5);
        return new ForwarderSettings(r.bool("enabled", true), buffer, upstream, link,
                r.string("gateway.device.id", ""),
                Duration.ofMinutes(r.integer("status.interval", 15, 0, Integer.MAX_VALUE)));
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
