// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.cloud;

import akenza.edge.api.message.MessageProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A downlink from akenza for one device. {@link #toString()} shows no payload.
 *
 * @param deviceId the akenza device id
 * @param levels the sub-topic levels after the device id (empty when akenza sent none)
 * @param payload the payload bytes (akenza sends a JSON object)
 * @param qos the QoS it arrived with
 * @param properties its MQTT 5 properties ({@link MessageProperties#NONE} over MQTT 3.1.1)
 */
public record Downlink(String deviceId, List<String> levels, byte[] payload, int qos, MessageProperties properties) {

    /** Checks the fields and copies the mutable parts. */
    public Downlink {
        Objects.requireNonNull(deviceId, "deviceId");
        levels = List.copyOf(levels);
        payload = payload.clone();
        properties = properties == null ? MessageProperties.NONE : properties;
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Downlink d && deviceId.equals(d.deviceId) && levels.equals(d.levels)
                && Arrays.equals(payload, d.payload) && qos == d.qos && properties.equals(d.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, levels, Arrays.hashCode(payload), qos, properties);
    }

    @Override
    public String toString() {
        return "Downlink[device=" + deviceId + ", levels=" + levels.size() + ", qos=" + qos + ", payload="
                + payload.length + " bytes]";
    }
}
