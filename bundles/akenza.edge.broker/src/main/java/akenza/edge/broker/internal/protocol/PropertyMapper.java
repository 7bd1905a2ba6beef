// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.UserProperty;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;
import java.util.ArrayList;
import java.util.List;

/** Converts between Netty's MQTT 5 properties and the api's {@link MessageProperties}. */
public final class PropertyMapper {

    private PropertyMapper() {
    }

    /**
     * @param props the PUBLISH (or will) properties as decoded
     * @return the application-message properties they carry
     */
    public static MessageProperties fromNetty(MqttProperties props) {
        // Not props.isEmpty(): Netty's (4.1.95) ignores user properties, so a PUBLISH carrying only those lost them.
        if (props == null || props.listAll().isEmpty()) {
            return MessageProperties.NONE;
        }
        List<UserProperty> users = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : props.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
            if (p instanceof UserProperties list) {
                for (StringPair pair : list.value()) {
                    users.add(new UserProperty(pair.key, pair.value));
                }
            } else if (p instanceof MqttProperties.UserProperty single) {
                users.add(new UserProperty(single.value().key, single.value().value));
            }
        }
        Integer expiry = intValue(props, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL);
        return new MessageProperties(stringValue(props, MqttPropertyType.CONTENT_TYPE),
                intValue(props, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR), users,
                binaryValue(props, MqttPropertyType.CORRELATION_DATA),
                stringValue(props, MqttPropertyType.RESPONSE_TOPIC),
                expiry == null ? null : Integer.toUnsignedLong(expiry));
    }

    /**
     * @param message the application-message properties
     * @param remainingExpiry the expiry to send, -1 for none
     * @param subscriptionIds v5 subscription identifiers to add
     * @return Netty properties for an outgoing PUBLISH
     */
    public static MqttProperties toNetty(MessageProperties message, long remainingExpiry,
            List<Integer> subscriptionIds) {
        MqttProperties out = new MqttProperties();
        if (message.payloadFormatIndicator() != null) {
            out.add(new IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
                    message.payloadFormatIndicator()));
        }
        if (remainingExpiry >= 0) {
            out.add(new IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                    (int) Math.min(remainingExpiry, 0xFFFF_FFFFL)));
        }
        if (message.contentType() != null) {
            out.add(new StringProperty(MqttPropertyType.CONTENT_TYPE.value(), message.contentType()));
        }
        if (message.responseTopic() != null) {
            out.add(new StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), message.responseTopic()));
        }
        if (message.correlationData() != null) {
            out.add(new BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), message.correlationData()));
        }
        if (!message.userProperties().isEmpty()) {
            UserProperties users = new UserProperties();
            for (UserProperty u : message.userProperties()) {
                users.add(u.name(), u.value());
            }
            out.add(users);
        }
        for (Integer id : subscriptionIds) {
            out.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
        }
        return out;
    }

    /**
     * @param props decoded properties
     * @param type the property
     * @return its integer value, or {@code null}
     */
    public static Integer intValue(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : (Integer) p.value();
    }

    /**
     * @param props decoded properties
     * @param type the property
     * @return its string value, or {@code null}
     */
    public static String stringValue(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : (String) p.value();
    }

    private static byte[] binaryValue(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : (byte[]) p.value();
    }
}
