// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

/**
 * Publishes messages to the local broker's subscribers (how downlinks reach devices). Provided by the broker.
 *
 * <p>Persistent sessions that are offline get the message queued (within their limits) and receive it
 * when they return.
 */
public interface LocalDelivery {

    /**
     * Routes a message to every matching subscription. Does not block.
     *
     * @param message the message
     * @return how many sessions it was delivered or queued to
     * @throws IllegalArgumentException when the topic is not a valid topic name
     */
    int deliver(LocalMessage message);
}
