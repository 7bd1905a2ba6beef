// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A device message bound for akenza.
 *
 * <p>{@link #toString()} shows no payload and no topic that could hold a secret.
 *
 * @param deviceId the akenza device id
 * @param levels the sub-topic levels as the device published them (empty when none)
 * @param akenzaTopic the akenza topic they make ({@code alerts_critical}, or {@code default} when none)
 * @param payload the payload bytes
 * @param qos the QoS the device published with (0, 1 or 2)
 * @param retain the device's retain flag
 * @param properties the MQTT 5 properties ({@link MessageProperties#NONE} for MQTT 3.1.1)
 * @param receivedAt when the gateway received it
 */
public record Uplink(String deviceId, List<String> levels, String akenzaTopic, byte[] payload, int qos,
        boolean retain, MessageProperties properties, Instant receivedAt) {

    /** Checks the fields and copies the mutable parts. */
    public Uplink {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(akenzaTopic, "akenzaTopic");
        Objects.requireNonNull(receivedAt, "receivedAt");
        levels = List.copyOf(levels);
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

    /** @return the payload size in bytes, without copying */
    public int payloadSize() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uplink u && deviceId.equals(u.deviceId) && levels.equals(u.levels)
                && akenzaTopic.equals(u.akenzaTopic) && Arrays.equals(payload, u.payload) && qos == u.qos
                && retain == u.retain && properties.equals(u.properties) && receivedAt.equals(u.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, levels, akenzaTopic, Arrays.hashCode(payload), qos, retain, properties,
                receivedAt);
    }

    @Override
    public String toString() {
        return "Uplink[device=" + deviceId + ", topic=" + akenzaTopic + ", qos=" + qos + ", retain=" + retain
                + ", payload=" + payload.length + " bytes, receivedAt=" + receivedAt + "]";
    }
}
