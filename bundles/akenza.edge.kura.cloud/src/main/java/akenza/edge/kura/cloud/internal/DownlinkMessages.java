// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import akenza.edge.api.cloud.Downlink;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;

/** Turns an akenza downlink into the {@link KuraMessage} Kura subscribers receive. */
final class DownlinkMessages {

    /** Message property: the akenza device id. */
    static final String DEVICE_ID = "device.id";
    /** Message property: the sub-topic levels joined with {@code /} (empty when none). */
    static final String TOPIC = "topic";
    /** Message property: the QoS. */
    static final String QOS = "qos";
    /** Message property: the MQTT 5 content type, when akenza sent one. */
    static final String CONTENT_TYPE = "content.type";

    private DownlinkMessages() {
    }

    /**
     * @param downlink a downlink
     * @return the message: body = the payload as received, metrics = the flat members of a JSON object
     */
    static KuraMessage toKuraMessage(Downlink downlink) {
        KuraPayload payload = new KuraPayload();
        byte[] body = downlink.payload();
        payload.setBody(body);
        payload.setTimestamp(new Date());
        KuraJson.decodeMetrics(body, payload);
        Map<String, Object> props = new HashMap<>();
        props.put(DEVICE_ID, downlink.deviceId());
        props.put(TOPIC, String.join("/", downlink.levels()));
        props.put(QOS, downlink.qos());
        if (downlink.properties().contentType() != null) {
            props.put(CONTENT_TYPE, downlink.properties().contentType());
        }
        return new KuraMessage(payload, props);
    }
}
