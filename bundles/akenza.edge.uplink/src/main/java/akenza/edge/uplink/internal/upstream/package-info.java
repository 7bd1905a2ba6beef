// SPDX-License-Identifier: EPL-2.0
/** One upstream MQTT connection (Paho MQTT 5 or 3.1.1), TLS set-up and secret redaction. */
package akenza.edge.uplink.internal.upstream;
