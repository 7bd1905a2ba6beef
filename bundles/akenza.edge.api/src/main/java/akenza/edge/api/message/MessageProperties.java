// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The MQTT 5 PUBLISH properties that travel with a message end to end. MQTT 3.1.1 messages have
 * {@link #NONE}.
 *
 * @param contentType the content type (akenza knows application/json, text/plain, application/octet-stream,
 *        application/xml and text/csv; none means JSON), or {@code null}
 * @param payloadFormatIndicator 1 = UTF-8 text, 0 = bytes, {@code null} = not sent
 * @param userProperties the user properties, in order
 * @param correlationData the correlation data, or {@code null}
 * @param responseTopic the response topic, or {@code null}
 * @param messageExpirySeconds the message expiry interval in seconds, or {@code null} when the message does not expire
 */
public record MessageProperties(String contentType, Integer payloadFormatIndicator, List<UserProperty> userProperties,
        byte[] correlationData, String responseTopic, Long messageExpirySeconds) {

    /** No properties at all. */
    public static final MessageProperties NONE = new MessageProperties(null, null, List.of(), null, null, null);

    /** Copies the mutable parts. */
    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        correlationData = correlationData == null ? null : correlationData.clone();
        if (messageExpirySeconds != null && messageExpirySeconds < 0) {
            throw new IllegalArgumentException("message expiry must not be negative");
        }
    }

    /** @return a copy of the correlation data, or {@code null} */
    @Override
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /**
     * @param seconds the new expiry interval, or {@code null} for none
     * @return these properties with another message expiry (used when time spent queued is subtracted)
     */
    public MessageProperties withMessageExpirySeconds(Long seconds) {
        return new MessageProperties(contentType, payloadFormatIndicator, userProperties, correlationData,
                responseTopic, seconds);
    }

    /**
     * @param topic the new response topic, or {@code null} for none
     * @return these properties with another response topic (used when mapping between local and cloud topics)
     */
    public MessageProperties withResponseTopic(String topic) {
        return new MessageProperties(contentType, payloadFormatIndicator, userProperties, correlationData, topic,
                messageExpirySeconds);
    }

    /** @return whether no property is set */
    public boolean isEmpty() {
        return contentType == null && payloadFormatIndicator == null && userProperties.isEmpty()
                && correlationData == null && responseTopic == null && messageExpirySeconds == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageProperties p && Objects.equals(contentType, p.contentType)
                && Objects.equals(payloadFormatIndicator, p.payloadFormatIndicator)
                && userProperties.equals(p.userProperties) && Arrays.equals(correlationData, p.correlationData)
                && Objects.equals(responseTopic, p.responseTopic)
                && Objects.equals(messageExpirySeconds, p.messageExpirySeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, payloadFormatIndicator, userProperties, Arrays.hashCode(correlationData),
                responseTopic, messageExpirySeconds);
    }

    @Override
    public String toString() {
        return "MessageProperties[contentType=" + contentType + ", payloadFormat=" + payloadFormatIndicator
                + ", userProperties=" + userProperties.size() + ", correlationData="
                + (correlationData == null ? "none" : correlationData.length + " bytes") + ", responseTopic="
                + (responseTopic == null ? "none" : "set") + ", expiry=" + messageExpirySeconds + "]";
    }
}
