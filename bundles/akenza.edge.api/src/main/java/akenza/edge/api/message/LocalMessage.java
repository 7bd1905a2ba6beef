// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message to publish to local subscribers, as if a client had published it.
 *
 * @param topic the topic name (no wildcards)
 * @param payload the payload bytes
 * @param qos the QoS (0, 1 or 2); subscribers receive at most their granted QoS
 * @param retain whether the broker keeps it as the retained message of the topic
 * @param properties the MQTT 5 properties
 */
public record LocalMessage(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties) {

    /** Checks the fields and copies the payload. */
    public LocalMessage {
        Objects.requireNonNull(topic, "topic");
        payload = payload.clone();
        properties = properties == null ? MessageProperties.NONE : properties;
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2");
        }
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalMessage m && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                && qos == m.qos && retain == m.retain && properties.equals(m.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, properties);
    }

    @Override
    public String toString() {
        return "LocalMessage[qos=" + qos + ", retain=" + retain + ", payload=" + payload.length + " bytes]";
    }
}
