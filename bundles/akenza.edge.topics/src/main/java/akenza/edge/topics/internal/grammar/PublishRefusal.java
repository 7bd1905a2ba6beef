// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

import akenza.edge.api.auth.DeviceIds;
import java.util.Locale;

/**
 * Why a device's PUBLISH is refused. Each kind has its own counter ({@code publish.refused.<key>}) and a
 * reason text for MQTT 5 reason strings and logs; no text ever holds the topic or a secret.
 */
public enum PublishRefusal {
    /** Not an akenza uplink topic and no legacy template granted to the identity. */
    NOT_UPLINK_TOPIC("devices may publish only to /up/device/id/<own device id>[/sub/topics] (JWT), "
            + "/up/<connector secret>/id/<device id>[/sub/topics] (connector) or a legacy template granted to them"),
    /** The topic starts like an akenza uplink but does not have its shape. */
    MALFORMED("expected /up/device/id/<device id>[/sub/topics] (JWT) or "
            + "/up/<connector secret>/id/<device id>[/sub/topics] (connector)"),
    /** A JWT device publishes for another device id. */
    WRONG_DEVICE("a JWT device may publish only for its own device id"),
    /** The secret level is not the connector's secret. */
    WRONG_SECRET("the secret level does not match the connector's secret"),
    /** The connector may not speak for the device. */
    DEVICE_NOT_ALLOWED("the connector is not allowed to speak for this device id"),
    /** The device id level is not an acceptable device id. */
    INVALID_DEVICE_ID(DeviceIds.RULE),
    /** An empty level: {@code //} or a trailing {@code /}. */
    EMPTY_LEVEL("empty topic level (// or a trailing /)"),
    /** {@code +} or {@code #} in a topic name. */
    WILDCARD("+ and # are not allowed in a topic name"),
    /** A control character. */
    CONTROL_CHARACTER("control characters are not allowed in topics"),
    /** Over {@code max.topic.length}. */
    TOO_LONG("topic longer than max.topic.length"),
    /** Over {@code max.sub.topic.levels}. */
    TOO_DEEP("more sub-topic levels than max.sub.topic.levels");

    private final String reason;

    PublishRefusal(String reason) {
        this.reason = reason;
    }

    /** @return the reason text (no topic, no secret) */
    public String reason() {
        return reason;
    }

    /** @return the counter name suffix, e.g. {@code wrong_secret} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
