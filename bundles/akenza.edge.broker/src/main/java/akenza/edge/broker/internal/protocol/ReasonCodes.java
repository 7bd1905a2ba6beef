// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

/** MQTT 5 reason codes the broker sends (spec section 2.4), and the 3.1.1 SUBACK failure code. */
public final class ReasonCodes {

    /** Success / normal disconnection / granted QoS 0. */
    public static final byte SUCCESS = 0x00;
    /** DISCONNECT from the client: disconnect and publish the will. */
    public static final byte DISCONNECT_WITH_WILL = 0x04;
    /** UNSUBACK: no subscription existed. */
    public static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
    /** Unspecified error; also the 3.1.1 SUBACK failure code. */
    public static final byte UNSPECIFIED_ERROR = (byte) 0x80;
    /** Malformed packet. */
    public static final byte MALFORMED_PACKET = (byte) 0x81;
    /** Protocol error. */
    public static final byte PROTOCOL_ERROR = (byte) 0x82;
    /** Not authorized. */
    public static final byte NOT_AUTHORIZED = (byte) 0x87;
    /** Server busy: the client should retry later. */
    public static final byte SERVER_BUSY = (byte) 0x89;
    /** Server shutting down. */
    public static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    /** Bad authentication method (enhanced authentication is not supported). */
    public static final byte BAD_AUTHENTICATION_METHOD = (byte) 0x8C;
    /** Keep alive timeout. */
    public static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    /** Session taken over. */
    public static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    /** Topic filter invalid. */
    public static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
    /** Topic name invalid. */
    public static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    /** Packet identifier not found. */
    public static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;
    /** Receive maximum exceeded. */
    public static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
    /** Topic alias invalid. */
    public static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
    /** Packet too large. */
    public static final byte PACKET_TOO_LARGE = (byte) 0x95;
    /** Quota exceeded. */
    public static final byte QUOTA_EXCEEDED = (byte) 0x97;
    /** Payload format invalid. */
    public static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    /** Maximum connect time: the credential expired. */
    public static final byte MAXIMUM_CONNECT_TIME = (byte) 0xA0;

    private ReasonCodes() {
    }
}
