// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;

/** What an {@link UpstreamClient} reports, called on the client library's threads; must not block. */
public interface UpstreamListener {

    /**
     * The connection is gone.
     *
     * @param reason a short, secret-free explanation
     * @param serverReasonCode the reason code of the server's DISCONNECT (0x80 or above), or -1
     */
    void connectionLost(String reason, int serverReasonCode);

    /**
     * A message arrived on a subscription (a downlink).
     *
     * @param topic the topic it arrived on
     * @param payload the payload
     * @param qos its QoS
     * @param properties its MQTT 5 properties ({@link MessageProperties#NONE} on MQTT 3.1.1)
     */
    void messageArrived(String topic, byte[] payload, int qos, MessageProperties properties);
}
