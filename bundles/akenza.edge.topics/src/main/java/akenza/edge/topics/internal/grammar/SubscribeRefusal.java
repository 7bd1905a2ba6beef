// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

import java.util.Locale;

/**
 * Why a device's subscription is refused. Each kind has its own counter ({@code subscribe.refused.<key>})
 * and a reason text without the filter or a secret.
 */
public enum SubscribeRefusal {
    /** Outside the device's downlink tree and no legacy downlink template granted to the identity. */
    OUTSIDE_TREE("devices may subscribe only inside /down/device/id/<own device id> (JWT), "
            + "/down/<connector secret>/id/<device id> (connector) or a legacy downlink template granted to them"),
    /** A JWT device subscribes to another device's downlinks. */
    WRONG_DEVICE("a JWT device may subscribe only to its own downlinks"),
    /** The secret level is not the connector's secret. */
    WRONG_SECRET("the secret level does not match the connector's secret"),
    /** The connector may not speak for the device. */
    DEVICE_NOT_ALLOWED("the connector is not allowed to speak for this device id"),
    /** A wildcard at or above the device id level. */
    WILDCARD_ABOVE_DEVICE("wildcards are allowed only below the device id level"),
    /** Not a well-formed topic filter. */
    INVALID_FILTER("not a valid topic filter (# only as the last level, + only as a whole level, no control characters)"),
    /** A malformed {@code $share/<group>/<filter>}. */
    BAD_SHARE("a shared subscription needs $share/<group without + or #>/<filter>"),
    /** Over {@code max.topic.length}. */
    TOO_LONG("topic filter longer than max.topic.length"),
    /** Over {@code max.sub.topic.levels} below the device id. */
    TOO_DEEP("more levels below the device id than max.sub.topic.levels");

    private final String reason;

    SubscribeRefusal(String reason) {
        this.reason = reason;
    }

    /** @return the reason text (no filter, no secret) */
    public String reason() {
        return reason;
    }

    /** @return the counter name suffix, e.g. {@code wrong_secret} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
