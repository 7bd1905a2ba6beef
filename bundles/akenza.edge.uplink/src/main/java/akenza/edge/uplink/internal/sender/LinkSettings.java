// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.time.Duration;

/**
 * How the sender drives the upstream.
 *
 * @param qos the QoS of upstream publishes (0, 1 or 2)
 * @param inflightWindow the most unacknowledged publishes
 * @param reconnectMin the first reconnect delay
 * @param reconnectMax the longest reconnect delay
 * @param ackTimeout connected but no acknowledgement within this = fault
 * @param downlinksEnabled whether to subscribe to downlinks
 * @param downlinksPerDevice subscribe per device instead of with one wildcard filter
 * @param mqtt5 whether the upstream speaks MQTT 5 (properties travel)
 */
public record LinkSettings(int qos, int inflightWindow, Duration reconnectMin, Duration reconnectMax,
        Duration ackTimeout, boolean downlinksEnabled, boolean downlinksPerDevice, boolean mqtt5) {

    /** Clamps the values. */
    public LinkSettings {
        qos = Math.max(0, Math.min(2, qos));
        inflightWindow = Math.max(1, Math.min(inflightWindow, 65_535));
    }
}
