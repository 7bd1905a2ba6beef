// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;

/**
 * One PUBLISH for the upstream, already mapped to its cloud topic.
 *
 * @param topic the cloud topic (holds the connector secret: log it only through {@code TopicMask})
 * @param payload the payload (not copied)
 * @param qos the QoS
 * @param retain the retain flag
 * @param properties the MQTT 5 properties to send
 */
public record OutgoingMessage(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties) {
}
