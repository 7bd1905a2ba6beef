// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.util.Map;

/**
 * A message a test client received, free of client library types.
 *
 * @param topic the topic
 * @param payload the payload as UTF-8 text
 * @param contentType the MQTT 5 content type, or null
 * @param userProperties the MQTT 5 user properties (empty for MQTT 3.1.1)
 */
record Delivery(String topic, String payload, String contentType, Map<String, String> userProperties) {

    /** Copies the properties. */
    Delivery {
        userProperties = Map.copyOf(userProperties);
    }

    /** A message without MQTT 5 properties. */
    Delivery(String topic, String payload) {
        this(topic, payload, null, Map.of());
    }
}
