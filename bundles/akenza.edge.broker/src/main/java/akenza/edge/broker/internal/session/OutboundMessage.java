// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import akenza.edge.broker.internal.routing.Message;
import java.util.List;

/**
 * A message on its way to one session.
 *
 * @param message the message
 * @param qos the QoS it is delivered with (the lower of published and granted)
 * @param retain the retain flag to send
 * @param subscriptionIds v5 subscription identifiers of the matching subscriptions
 */
public record OutboundMessage(Message message, int qos, boolean retain, List<Integer> subscriptionIds) {

    /** Copies the identifiers. */
    public OutboundMessage {
        subscriptionIds = List.copyOf(subscriptionIds);
    }
}
