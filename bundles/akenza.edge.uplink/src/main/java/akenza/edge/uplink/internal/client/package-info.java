// SPDX-License-Identifier: EPL-2.0
/**
 * The upstream MQTT clients behind {@code UpstreamClient} (Netty's MQTT codec by default, Eclipse Paho MQTT 5 or
 * 3.1.1 when selected), their TLS set-up and secret redaction.
 */
package akenza.edge.uplink.internal.client;
