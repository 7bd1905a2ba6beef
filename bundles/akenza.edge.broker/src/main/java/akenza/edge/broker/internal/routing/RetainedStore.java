// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import akenza.edge.broker.internal.config.ResourceLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retained message of each topic, in memory, bounded in count and payload bytes, in total and per
 * publishing identity, so one device cannot fill the gateway's memory with retained messages.
 */
public final class RetainedStore {

    /** A retained message and who published it. */
    private record Entry(Message message, String owner) {
        long bytes() {
            return message.payload().length;
        }
    }

    /** Count and bytes of one owner's retained messages. */
    private static final class Usage {
        int count;
        long bytes;
    }

    private final Map<String, Entry> byTopic = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private final Map<String, Usage> byOwner = new HashMap<>();
    private long totalBytes;

    /**
     * Stores a retained message, or clears the topic's retained message when the payload is empty. Without
     * limits (tests, local deliveries): see {@link #put(Message, String, ResourceLimits)}.
     *
     * @param message a message published with the retain flag
     */
    public void put(Message message) {
        put(message, "", null);
    }

    /**
     * Stores a retained message unless it would exceed a limit, or clears the topic's retained message when the
     * payload is empty.
     *
     * @param message a message published with the retain flag
     * @param owner the publishing identity ({@code method:id})
     * @param limits the limits, or {@code null} for none
     * @return whether the message is now retained (or the topic cleared); {@code false} when a limit refused it
     */
    public synchronized boolean put(Message message, String owner, ResourceLimits limits) {
        Entry previous = byTopic.get(message.topic());
        if (message.payload().length == 0) {
            if (previous != null) {
                byTopic.remove(message.topic());
                release(previous);
            }
            return true;
        }
        Entry next = new Entry(message, owner);
        if (limits != null && !fits(next, previous, limits)) {
            return false;
        }
        byTopic.put(message.topic(), next);
        if (previous != null) {
            release(previous);
        }
        Usage usage = byOwner.computeIfAbsent(owner, o -> new Usage());
        usage.count++;
        usage.bytes += next.bytes();
        totalBytes += next.bytes();
        return true;
    }

    /** Whether the store stays within its limits once {@code next} replaces {@code previous}. */
    private boolean fits(Entry next, Entry previous, ResourceLimits limits) {
        long count = byTopic.size() + (previous == null ? 1 : 0);
        long bytes = totalBytes + next.bytes() - (previous == null ? 0 : previous.bytes());
        Usage mine = byOwner.get(next.owner());
        boolean replacesOwn = previous != null && previous.owner().equals(next.owner());
        long myCount = (mine == null ? 0 : mine.count) + (replacesOwn ? 0 : 1);
        long myBytes = (mine == null ? 0 : mine.bytes) + next.bytes() - (replacesOwn ? previous.bytes() : 0);
        return count <= limits.maxRetainedMessages() && bytes <= limits.maxRetainedBytes()
                && myCount <= limits.maxRetainedMessagesPerIdentity()
                && myBytes <= limits.maxRetainedBytesPerIdentity();
    }

    private void release(Entry entry) {
        totalBytes -= entry.bytes();
        Usage usage = byOwner.get(entry.owner());
        if (usage != null) {
            usage.count--;
            usage.bytes -= entry.bytes();
            if (usage.count <= 0) {
                byOwner.remove(entry.owner());
            }
        }
    }

    /**
     * @param filter a topic filter (without share prefix)
     * @param nowNanos the current {@link System#nanoTime()}, to drop expired messages
     * @return the retained messages matching the filter
     */
    public List<Message> matching(String filter, long nowNanos) {
        List<Message> out = new ArrayList<>();
        for (Entry entry : byTopic.values()) {
            Message message = entry.message();
            if (message.expired(nowNanos)) {
                remove(entry);
            } else if (Topics.matches(filter, message.topic())) {
                out.add(message);
            }
        }
        return out;
    }

    private synchronized void remove(Entry entry) {
        if (byTopic.remove(entry.message().topic(), entry)) {
            release(entry);
        }
    }

    /** @return how many topics have a retained message */
    public int size() {
        return byTopic.size();
    }

    /** @return the payload bytes of all retained messages */
    public synchronized long bytes() {
        return totalBytes;
    }
}
