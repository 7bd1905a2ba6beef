// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

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

/** Converts between the api's {@link MessageProperties} and Netty's MQTT 5 PUBLISH properties. */
final class NettyProperties {

    private NettyProperties() {
    }

    /**
     * @param p the message's properties
     * @return the PUBLISH properties carrying the same (the ones Paho's MQTT 5 client sends too)
     */
    static MqttProperties toNetty(MessageProperties p) {
        if (p.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties out = new MqttProperties();
        if (p.payloadFormatIndicator() != null) {
            out.add(new IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
                    p.payloadFormatIndicator() == 1 ? 1 : 0));
        }
        if (p.messageExpirySeconds() != null) {
            out.add(new IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                    (int) Math.min(p.messageExpirySeconds(), 0xFFFF_FFFFL)));
        }
        if (p.contentType() != null) {
            out.add(new StringProperty(MqttPropertyType.CONTENT_TYPE.value(), p.contentType()));
        }
        if (p.responseTopic() != null) {
            out.add(new StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), p.responseTopic()));
        }
        if (p.correlationData() != null) {
            out.add(new BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), p.correlationData()));
        }
        if (!p.userProperties().isEmpty()) {
            UserProperties users = new UserProperties();
            for (UserProperty u : p.userProperties()) {
                users.add(u.name(), u.value());
            }
            out.add(users);
        }
        return out;
    }

    /**
     * @param props the decoded PUBLISH properties (a downlink)
     * @return the message properties they carry
     */
    static MessageProperties fromNetty(MqttProperties props) {
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
        Integer expiry = (Integer) value(props, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL);
        Integer format = (Integer) value(props, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR);
        MessageProperties m = new MessageProperties((String) value(props, MqttPropertyType.CONTENT_TYPE),
                format == null || format == 0 ? null : 1, users,
                (byte[]) value(props, MqttPropertyType.CORRELATION_DATA),
                (String) value(props, MqttPropertyType.RESPONSE_TOPIC),
                expiry == null ? null : Integer.toUnsignedLong(expiry));
        return m.isEmpty() ? MessageProperties.NONE : m;
    }

    /**
     * @param props decoded properties
     * @param type the property
     * @return its value, or {@code null}
     */
    static Object value(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : p.value();
    }
}
