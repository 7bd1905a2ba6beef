// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.common.config.ConfigReader;
import java.util.List;
import java.util.Map;

/**
 * A subscriber's parsed configuration.
 *
 * @param deviceId the akenza device id whose downlinks are wanted
 * @param filter the sub-topic filter levels ({@code +}, last {@code #}); empty = every downlink of the device
 */
record SubscribeOptions(String deviceId, List<String> filter) {

    static final String DEVICE_ID = "device.id";
    static final String TOPIC = "topic";

    /**
     * @param props the configuration
     * @return the options
     * @throws IllegalArgumentException when a value is invalid
     */
    static SubscribeOptions from(Map<String, ?> props) {
        ConfigReader r = new ConfigReader(props);
        String device = r.string(DEVICE_ID, "");
        if (!TopicLevels.isLevel(device)) {
            throw new IllegalArgumentException("an akenza device id is required, without / + # or control characters");
        }
        return new SubscribeOptions(device, TopicLevels.parse(r.string(TOPIC, ""), true));
    }
}
