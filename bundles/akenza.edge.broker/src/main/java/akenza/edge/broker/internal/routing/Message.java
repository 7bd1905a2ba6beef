// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import akenza.edge.api.message.MessageProperties;

/**
 * An application message inside the broker. The payload is a heap copy so one message can be queued for
 * many sessions without reference counting.
 *
 * @param topic the topic name
 * @param payload the payload (never modified)
 * @param qos the QoS it was published with
 * @param retain the publisher's retain flag
 * @param properties the MQTT 5 properties (expiry as published)
 * @param publisherClientId the publishing client, {@code null} for server-originated messages (no-local)
 * @param createdNanos {@link System#nanoTime()} when the broker received it (expiry is counted from here)
 */
public record Message(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties,
        String publisherClientId, long createdNanos) {

    /** Normalises the properties. */
    public Message {
        properties = properties == null ? MessageProperties.NONE : properties;
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return the remaining expiry in seconds, -1 when the message does not expire, 0 when it has expired
     */
    public long remainingExpirySeconds(long nowNanos) {
        Long expiry = properties.messageExpirySeconds();
        if (expiry == null) {
            return -1;
        }
        long elapsedSeconds = (nowNanos - createdNanos) / 1_000_000_000L;
        return Math.max(0, expiry - elapsedSeconds);
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return whether its message expiry interval has passed
     */
    public boolean expired(long nowNanos) {
        Long expiry = properties.messageExpirySeconds();
        return expiry != null && nowNanos - createdNanos >= expiry * 1_000_000_000L;
    }

    @Override
    public String toString() {
        return "Message[qos=" + qos + ", retain=" + retain + ", payload=" + payload.length + " bytes]";
    }
}
