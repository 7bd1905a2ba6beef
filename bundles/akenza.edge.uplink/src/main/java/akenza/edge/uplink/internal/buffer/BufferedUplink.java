// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.Uplink;

/**
 * An uplink read back from the buffer.
 *
 * @param seq its sequence number (the buffer key, order of arrival)
 * @param uplink the uplink
 * @param size its encoded size in bytes
 */
public record BufferedUplink(long seq, Uplink uplink, int size) {
}
