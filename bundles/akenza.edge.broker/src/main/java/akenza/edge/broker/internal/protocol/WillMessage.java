// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.routing.Message;

/**
 * A client's will.
 *
 * @param message the message to publish
 * @param delaySeconds v5 will delay interval (0 for 3.1.1)
 * @param identity who set it (it is authorized like a PUBLISH of that client)
 */
public record WillMessage(Message message, long delaySeconds, DeviceIdentity identity) {
}
