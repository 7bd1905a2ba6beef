// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.status;

/** Why an uplink left the buffer without reaching akenza (each is counted as {@code dropped.<key>}). */
public enum DropReason {
    /** Buffer full, policy drop-oldest: the oldest record made room. */
    OVERFLOW("overflow"),
    /** Buffer full, policy refuse-new: the offer was refused. */
    REFUSED("refused"),
    /** Older than {@code buffer.max.age}. */
    AGE("age"),
    /** Its MQTT 5 message expiry passed while it was queued. */
    EXPIRED("expired"),
    /** The upstream answered with a permanent error reason (e.g. not authorized). */
    UPSTREAM_REJECTED("upstream.rejected"),
    /** No cloud topic could be made for it. */
    UNMAPPABLE("unmappable"),
    /** The record on disk could not be decoded. */
    CORRUPT("corrupt");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    /** @return the counter suffix */
    public String key() {
        return key;
    }
}
