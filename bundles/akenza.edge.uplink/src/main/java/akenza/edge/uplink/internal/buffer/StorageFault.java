// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.UplinkRefusedException.Reason;
import java.util.Locale;

/**
 * Why the buffer cannot write: the refusal devices get meanwhile (MQTT 5 0x97 quota exceeded when the disk is
 * full, otherwise "retry later"), the cause as the operating system put it, and the free space then.
 *
 * @param reason the refusal for new uplinks
 * @param cause the innermost error message
 * @param freeBytes usable bytes on the buffer's file system when it happened, -1 when unknown
 */
public record StorageFault(Reason reason, String cause, long freeBytes) {

    /** Below this much free space a write failure counts as a full disk. */
    static final long LOW_SPACE_BYTES = 256 * 1024;

    static StorageFault of(Throwable failure, long freeBytes) {
        Throwable t = failure;
        String message = failure.toString();
        boolean space = false;
        while (t != null) {
            String m = t.getMessage();
            if (m != null) {
                message = m;
                String lower = m.toLowerCase(Locale.ROOT);
                space |= lower.contains("no space left") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space");
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        space |= freeBytes >= 0 && freeBytes < LOW_SPACE_BYTES;
        return new StorageFault(space ? Reason.QUOTA_EXCEEDED : Reason.UNAVAILABLE,
                space ? "no space left on the device (" + message + ")" : message, freeBytes);
    }

    /** @return a line for status and logs */
    public String describe() {
        return cause + "; " + freeBytes + " bytes free";
    }
}
