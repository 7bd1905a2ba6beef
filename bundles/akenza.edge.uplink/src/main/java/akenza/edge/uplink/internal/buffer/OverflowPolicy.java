// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

/** What a full buffer does with a new uplink. */
public enum OverflowPolicy {
    /** Remove the oldest records to make room (default): recent data matters most. */
    DROP_OLDEST,
    /** Refuse the new uplink; the broker answers the device with MQTT 5 reason 0x97. */
    REFUSE_NEW;

    /**
     * @param value {@code drop-oldest} or {@code refuse-new} (case-insensitive; {@code _} accepted for {@code -})
     * @return the policy; drop-oldest for anything unknown
     */
    public static OverflowPolicy parse(String value) {
        return value != null && value.trim().replace('_', '-').equalsIgnoreCase("refuse-new") ? REFUSE_NEW
                : DROP_OLDEST;
    }
}
