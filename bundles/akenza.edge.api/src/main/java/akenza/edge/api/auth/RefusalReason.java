// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

/**
 * Why a client was refused, in terms the broker maps to CONNACK codes.
 *
 * <p>Each constant names its MQTT 3.1.1 return code and MQTT 5 reason code.
 */
public enum RefusalReason {
    /** Unknown device or connector, bad token or secret. 3.1.1: 0x04; 5: 0x86 Bad user name or password. */
    BAD_CREDENTIALS(0x04, 0x86),
    /** Credentials are valid but not for this use. 3.1.1: 0x05; 5: 0x87 Not authorized. */
    NOT_AUTHORIZED(0x05, 0x87),
    /** The client id does not fit the credentials (e.g. not the device id). 3.1.1: 0x02; 5: 0x85. */
    CLIENT_ID_INVALID(0x02, 0x85),
    /** Too many failures from this address. 3.1.1: 0x03 Server unavailable; 5: 0x9F Connection rate exceeded. */
    THROTTLED(0x03, 0x9F),
    /** The authenticator cannot decide now. 3.1.1: 0x03; 5: 0x88 Server unavailable. */
    UNAVAILABLE(0x03, 0x88);

    private final int mqtt311ReturnCode;
    private final int mqtt5ReasonCode;

    RefusalReason(int mqtt311ReturnCode, int mqtt5ReasonCode) {
        this.mqtt311ReturnCode = mqtt311ReturnCode;
        this.mqtt5ReasonCode = mqtt5ReasonCode;
    }

    /** @return the MQTT 3.1 / 3.1.1 CONNACK return code */
    public int mqtt311ReturnCode() {
        return mqtt311ReturnCode;
    }

    /** @return the MQTT 5 CONNACK reason code */
    public int mqtt5ReasonCode() {
        return mqtt5ReasonCode;
    }
}
