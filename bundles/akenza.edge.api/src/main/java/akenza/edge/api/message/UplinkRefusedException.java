// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

/** Why an {@link UplinkSink} did not take an uplink. The message never holds a secret. */
public class UplinkRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal, each with the MQTT 5 PUBACK/PUBREC reason the broker answers with. */
    public enum Reason {
        /** The buffer is full and the policy refuses new messages: 0x97 Quota exceeded. */
        QUOTA_EXCEEDED(0x97),
        /** The sink cannot store now (closed, disk failure): 0x80 Unspecified error. */
        UNAVAILABLE(0x80);

        private final int mqtt5ReasonCode;

        Reason(int mqtt5ReasonCode) {
            this.mqtt5ReasonCode = mqtt5ReasonCode;
        }

        /** @return the MQTT 5 PUBACK/PUBREC reason code */
        public int mqtt5ReasonCode() {
            return mqtt5ReasonCode;
        }
    }

    private final Reason reason;

    /**
     * @param reason the kind of refusal
     * @param message a short explanation without secrets
     */
    public UplinkRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return the kind of refusal */
    public Reason reason() {
        return reason;
    }
}
