// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.common.config.ConfigReader;
import java.util.List;
import java.util.Map;

/**
 * A publisher's parsed configuration.
 *
 * @param deviceId the akenza device id; empty = the connection's default
 * @param levels the sub-topic levels (empty = akenza topic {@code default})
 * @param qos 0, 1 or 2
 * @param body whether the body is sent as it is (else metrics, timestamp and position as JSON)
 * @param contentType the MQTT 5 content type of the uplinks
 */
record PublishOptions(String deviceId, List<String> levels, int qos, boolean body, String contentType) {

    static final String DEVICE_ID = "device.id";
    static final String TOPIC = "topic";
    static final String QOS = "qos";
    static final String PAYLOAD = "payload";
    static final String CONTENT_TYPE = "content.type";
    static final String PAYLOAD_METRICS = "metrics";
    static final String PAYLOAD_BODY = "body";

    /**
     * @param props the configuration
     * @return the options
     * @throws IllegalArgumentException when a value is invalid (the message says which, without secrets)
     */
    static PublishOptions from(Map<String, ?> props) {
        ConfigReader r = new ConfigReader(props);
        String device = r.string(DEVICE_ID, "");
        if (!device.isEmpty() && !TopicLevels.isLevel(device)) {
            throw new IllegalArgumentException("the akenza device id must not contain / + # or control characters");
        }
        List<String> levels = TopicLevels.parse(r.string(TOPIC, ""), false);
        int qos = r.integer(QOS, 1, 0, 2);
        if (!r.problems().isEmpty()) {
            // A publisher reports its configuration error to every caller instead of publishing with a default.
            throw new IllegalArgumentException("QoS must be 0, 1 or 2");
        }
        String mode = r.string(PAYLOAD, PAYLOAD_METRICS);
        if (!mode.equals(PAYLOAD_METRICS) && !mode.equals(PAYLOAD_BODY)) {
            throw new IllegalArgumentException("payload must be " + PAYLOAD_METRICS + " or " + PAYLOAD_BODY);
        }
        boolean body = mode.equals(PAYLOAD_BODY);
        String type = body ? r.string(CONTENT_TYPE, ContentTypes.JSON) : ContentTypes.JSON;
        if (!ContentTypes.AKENZA.contains(type)) {
            throw new IllegalArgumentException("content type must be one of " + ContentTypes.AKENZA);
        }
        return new PublishOptions(device, levels, qos, body, type);
    }
}
