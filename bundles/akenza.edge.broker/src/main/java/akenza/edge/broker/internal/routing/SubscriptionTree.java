// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent trie of subscriptions keyed by topic level. Readers (the publish path of every connection)
 * take no lock; writers only touch the nodes of their filter.
 */
public final class SubscriptionTree {

    private static final class Node {
        final ConcurrentMap<String, Node> children = new ConcurrentHashMap<>();
        /** Keyed by share group + NUL + client id, so a client has one subscription per filter and group. */
        final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    }

    /** The most topics whose matches are remembered; beyond that the memory starts afresh (bounded). */
    static final int REMEMBERED_TOPICS = 4096;

    /** The subscriptions a topic matched, as of a version of the tree. */
    private record Matches(long version, List<Subscription> subscriptions) {
    }

    private final Node root = new Node();
    /** Counts changes: a remembered match of an older version is computed again. */
    private final AtomicLong version = new AtomicLong();
    /**
     * Devices and applications publish to the same few topics again and again: their matches are remembered, so
     * a PUBLISH costs one look-up by topic instead of a walk with a look-up per level.
     */
    private final ConcurrentMap<String, Matches> remembered = new ConcurrentHashMap<>();

    /**
     * Adds or replaces a subscription.
     *
     * @param subscription the subscription
     * @return whether it replaced an existing subscription of the same client, filter and group
     */
    public boolean add(Subscription subscription) {
        Node node = root;
        for (String level : subscription.filter().split("/", -1)) {
            node = node.children.computeIfAbsent(level, l -> new Node());
        }
        boolean replaced = node.subscriptions.put(slot(subscription.shareGroup(), subscription.clientId()),
                subscription) != null;
        version.incrementAndGet();
        return replaced;
    }

    /**
     * @param clientId the client
     * @param shareGroup the share group or {@code null}
     * @param filter the filter proper
     * @return whether a subscription was removed
     */
    public boolean remove(String clientId, String shareGroup, String filter) {
        Node node = root;
        for (String level : filter.split("/", -1)) {
            node = node.children.get(level);
            if (node == null) {
                return false;
            }
        }
        boolean removed = node.subscriptions.remove(slot(shareGroup, clientId)) != null;
        version.incrementAndGet();
        return removed;
    }

    /**
     * @param topic a topic name
     * @return every subscription whose filter matches it (a client may appear more than once); unmodifiable
     */
    public List<Subscription> match(String topic) {
        if (root.children.isEmpty()) {
            return List.of(); // nobody subscribed to anything: not even a look-up
        }
        long current = version.get();
        Matches known = remembered.get(topic);
        if (known != null && known.version() == current) {
            return known.subscriptions();
        }
        List<Subscription> out = new ArrayList<>();
        collect(root, topic, 0, true, topic.startsWith("$"), out);
        List<Subscription> matches = List.copyOf(out);
        if (remembered.size() >= REMEMBERED_TOPICS) {
            remembered.clear(); // many topics (a client inventing them?): bounded, at the price of walks
        }
        // Computed from the tree as of `current` or later: a change meanwhile makes this entry stale, not wrong.
        remembered.put(topic, new Matches(current, matches));
        return matches;
    }

    /**
     * Walks the topic level by level without splitting it first: a level's text is cut out only where the node
     * has children to look it up in, so a topic nobody subscribed near (an uplink on a gateway without local
     * subscribers) costs a map look-up or two and no strings.
     *
     * @param start where the current level starts in the topic, or -1 when every level is consumed
     * @param first whether the current level is the topic's first
     */
    private static void collect(Node node, String topic, int start, boolean first, boolean dollar,
            List<Subscription> out) {
        boolean wildcardAllowed = !(first && dollar);
        if (wildcardAllowed) {
            Node multi = node.children.get("#");
            if (multi != null) {
                out.addAll(multi.subscriptions.values());
            }
        }
        if (start < 0) {
            out.addAll(node.subscriptions.values());
            return;
        }
        if (node.children.isEmpty()) {
            return;
        }
        int end = topic.indexOf('/', start);
        String level = end < 0 ? topic.substring(start) : topic.substring(start, end);
        int next = end < 0 ? -1 : end + 1;
        Node exact = node.children.get(level);
        if (exact != null) {
            collect(exact, topic, next, false, dollar, out);
        }
        if (wildcardAllowed) {
            Node single = node.children.get("+");
            if (single != null) {
                collect(single, topic, next, false, dollar, out);
            }
        }
    }

    /** @return how many topics' matches are remembered now (bounded by {@link #REMEMBERED_TOPICS}) */
    int rememberedTopics() {
        return remembered.size();
    }

    private static String slot(String shareGroup, String clientId) {
        return (shareGroup == null ? "" : shareGroup) + '\u0000' + clientId;
    }
}
