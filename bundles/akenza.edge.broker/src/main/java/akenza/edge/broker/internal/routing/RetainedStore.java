// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The retained message of each topic, in memory. */
public final class RetainedStore {

    private final Map<String, Message> byTopic = new ConcurrentHashMap<>();

    /**
     * Stores a retained message, or clears the topic's retained message when the payload is empty.
     *
     * @param message a message published with the retain flag
     */
    public void put(Message message) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
        } else {
            byTopic.put(message.topic(), message);
        }
    }

    /**
     * @param filter a topic filter (without share prefix)
     * @param nowNanos the current {@link System#nanoTime()}, to drop expired messages
     * @return the retained messages matching the filter
     */
    public List<Message> matching(String filter, long nowNanos) {
        List<Message> out = new ArrayList<>();
        for (Message message : byTopic.values()) {
            if (message.expired(nowNanos)) {
                byTopic.remove(message.topic(), message);
            } else if (Topics.matches(filter, message.topic())) {
                out.add(message);
            }
        }
        return out;
    }

    /** @return how many topics have a retained message */
    public int size() {
        return byTopic.size();
    }
}
