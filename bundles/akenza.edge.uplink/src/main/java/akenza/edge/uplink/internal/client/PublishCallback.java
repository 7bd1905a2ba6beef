// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

/** The outcome of one publish, called once on a client library thread. */
public interface PublishCallback {

    /** PUBACK (QoS 1), PUBCOMP (QoS 2) or sent (QoS 0) with a success reason. */
    void acknowledged();

    /**
     * The upstream answered with an error reason (MQTT 5 reason code 0x80 or above).
     *
     * @param reasonCode the reason code
     */
    void rejected(int reasonCode);

    /**
     * The publish did not complete (connection lost, client error); the message is still unacknowledged.
     *
     * @param reason a short, secret-free explanation
     * @param serverReasonCode the MQTT 5 reason code the server gave (0x80 or above), or -1
     */
    void failed(String reason, int serverReasonCode);
}
