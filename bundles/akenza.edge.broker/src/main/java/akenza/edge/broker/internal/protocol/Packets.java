// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import java.util.List;

/** Builds the control packets the broker sends. The encoder drops v5-only fields on 3.1/3.1.1 channels. */
public final class Packets {

    private Packets() {
    }

    /**
     * @param code the CONNACK return code (3.1.1) or reason code (5)
     * @param sessionPresent the session-present flag
     * @param props v5 properties
     * @return a CONNACK
     */
    public static MqttConnAckMessage connAck(int code, boolean sessionPresent, MqttProperties props) {
        return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), sessionPresent, props));
    }

    /**
     * @param type PUBACK, PUBREC, PUBREL or PUBCOMP
     * @param packetId the packet id
     * @param reason the v5 reason code
     * @param reasonString a v5 reason string, or {@code null}
     * @return the acknowledgement
     */
    public static MqttMessage pubReply(MqttMessageType type, int packetId, byte reason, String reasonString) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(fixed(type, qos),
                new MqttPubReplyMessageVariableHeader(packetId, reason, reasonString(reasonString)));
    }

    /**
     * Writes a successful PUBACK or PUBREC without properties as its four bytes, the encoding Netty's encoder gives
     * it on every protocol level (MQTT 5 leaves out reason code 0 and empty properties, 3.2.2.1): the
     * acknowledgements of one flush then share one buffer instead of a message object and a buffer each.
     *
     * @param out where to write
     * @param type PUBACK or PUBREC
     * @param packetId the packet id
     */
    static void writeSuccessReply(ByteBuf out, MqttMessageType type, int packetId) {
        out.writeByte(type.value() << 4);
        out.writeByte(2);
        out.writeShort(packetId);
    }

    /**
     * @param packetId the SUBSCRIBE's packet id
     * @param codes granted QoS or failure code per filter
     * @return a SUBACK
     */
    public static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
        return new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes));
    }

    /**
     * @param packetId the UNSUBSCRIBE's packet id
     * @param codes v5 reason code per filter
     * @return an UNSUBACK
     */
    public static MqttUnsubAckMessage unsubAck(int packetId, List<Short> codes) {
        return new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(codes));
    }

    /**
     * @param reason the v5 reason code
     * @param reasonString a reason string without secrets, or {@code null}
     * @return a v5 DISCONNECT
     */
    public static MqttMessage disconnect(byte reason, String reasonString) {
        return new MqttMessage(fixed(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE),
                new MqttReasonCodeAndPropertiesVariableHeader(reason, reasonString(reasonString)));
    }

    /** @return a PINGRESP */
    public static MqttMessage pingResp() {
        return MqttMessage.PINGRESP;
    }

    private static MqttProperties reasonString(String text) {
        if (text == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties props = new MqttProperties();
        props.add(new StringProperty(MqttPropertyType.REASON_STRING.value(), text));
        return props;
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }
}
