// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import java.util.Set;

/**
 * Finds an uplink the upstream refuses by dropping the connection (an MQTT 5 DISCONNECT such as 0x87 "not
 * authorized" instead of a PUBACK with that reason), so one bad record cannot block the queue forever.
 *
 * <p>After such a disconnect the first unacknowledged record becomes the suspect and is sent alone on the
 * next connection. If the upstream refuses again while only the suspect is inflight, the suspect is the
 * culprit and is dropped (counted); once it is acknowledged, the full window resumes.
 */
final class PoisonProbe {

    private Long suspect;

    /**
     * @param code a server reason code
     * @return whether the code blames a message rather than the connection or the server
     */
    static boolean blamesAMessage(int code) {
        return switch (code) {
            case 0x83, 0x87, 0x90, 0x95, 0x99, 0x9A, 0x9B -> true;
            default -> false;
        };
    }

    /**
     * @param buffer the buffer
     * @return whether the window must be one message (the suspect is still unacknowledged)
     */
    synchronized boolean limitsWindow(UplinkBuffer buffer) {
        if (suspect == null) {
            return false;
        }
        Long first = buffer.firstSeq();
        if (first == null || first > suspect) {
            suspect = null;
            return false;
        }
        return true;
    }

    /**
     * Called when a connection ended with a server refusal that blames a message.
     *
     * @param buffer the buffer
     * @param inflight the records inflight when the refusal came
     * @return the record to drop, or {@code null} when the culprit is not proven yet
     */
    synchronized Long refused(UplinkBuffer buffer, Set<Long> inflight) {
        if (suspect != null && inflight.size() == 1 && inflight.contains(suspect)) {
            Long culprit = suspect;
            suspect = null;
            return culprit;
        }
        suspect = buffer.firstSeq();
        return null;
    }
}
