// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.session.OutboundMessage;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Routes a message to the sessions whose subscriptions match: one delivery per client at the highest granted
 * QoS with all subscription identifiers, no-local honoured, one member per share group (round robin,
 * preferring connected members).
 */
public final class Router {

    private final SessionRegistry sessions;
    private final BrokerMetrics metrics;
    private final BrokerMetrics.Counter unrouted;
    private final IntSupplier maxQueued;
    private final Supplier<Acl> acl;
    private final Map<String, AtomicInteger> shareCursors = new ConcurrentHashMap<>();

    /**
     * @param sessions the sessions
     * @param metrics the counters
     * @param maxQueued the current per-session queue bound
     * @param acl the current ACL, for subscriptions whose deliveries it filters
     */
    public Router(SessionRegistry sessions, BrokerMetrics metrics, IntSupplier maxQueued, Supplier<Acl> acl) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.unrouted = metrics.counter("messages.unrouted");
        this.maxQueued = maxQueued;
        this.acl = acl;
    }

    /**
     * @param message the message
     * @return how many sessions it was delivered or queued to
     */
    public int route(Message message) {
        List<Subscription> matches = sessions.tree().match(message.topic());
        if (matches.size() == 1 && matches.get(0).shareGroup() == null) {
            // The common case (one subscriber, no share group): no grouping maps and lists per message.
            Subscription s = matches.get(0);
            if (s.aclFiltered() && !mayReceive(message.topic())
                    || s.noLocal() && s.clientId().equals(message.publisherClientId())) {
                return 0;
            }
            return deliver(s.clientId(), message, matches) ? 1 : 0;
        }
        Map<String, List<Subscription>> perClient = new LinkedHashMap<>();
        Map<String, List<Subscription>> perGroup = new HashMap<>();
        Boolean receivable = null; // the ACL verdict for this topic, computed once if any subscription needs it
        for (Subscription s : matches) {
            if (s.aclFiltered()) {
                if (receivable == null) {
                    receivable = mayReceive(message.topic());
                }
                if (!receivable) {
                    continue;
                }
            }
            if (s.shareGroup() != null) {
                perGroup.computeIfAbsent(s.shareGroup() + '\u0000' + s.filter(), g -> new ArrayList<>()).add(s);
            } else if (!(s.noLocal() && s.clientId().equals(message.publisherClientId()))) {
                perClient.computeIfAbsent(s.clientId(), c -> new ArrayList<>()).add(s);
            }
        }
        int delivered = 0;
        for (Map.Entry<String, List<Subscription>> e : perClient.entrySet()) {
            if (deliver(e.getKey(), message, e.getValue())) {
                delivered++;
            }
        }
        for (Map.Entry<String, List<Subscription>> e : perGroup.entrySet()) {
            Subscription chosen = pickShareMember(e.getKey(), e.getValue());
            if (chosen != null && deliver(chosen.clientId(), message, List.of(chosen))) {
                delivered++;
            }
        }
        if (matches.isEmpty()) {
            unrouted.increment();
        }
        return delivered;
    }

    /** Whether the current ACL lets an ACL-ruled subscriber receive a topic; an invalid ACL denies. */
    private boolean mayReceive(String topic) {
        Acl current = acl.get();
        return current != null && current.mayReceive(topic);
    }

    private Subscription pickShareMember(String groupKey, List<Subscription> members) {
        int start = Math.floorMod(shareCursors.computeIfAbsent(groupKey, k -> new AtomicInteger()).getAndIncrement(),
                members.size());
        for (int i = 0; i < members.size(); i++) {
            Subscription candidate = members.get((start + i) % members.size());
            Session session = sessions.get(candidate.clientId());
            if (session != null && session.online()) {
                return candidate;
            }
        }
        return members.get(start);
    }

    private boolean deliver(String clientId, Message message, List<Subscription> subscriptions) {
        Session session = sessions.get(clientId);
        if (session == null) {
            return false;
        }
        int qos = 0;
        boolean retainAsPublished = false;
        List<Integer> ids = List.of(); // most subscriptions carry no identifier: no list per message then
        for (Subscription s : subscriptions) {
            qos = Math.max(qos, s.qos());
            retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionId() > 0) {
                if (ids.isEmpty()) {
                    ids = new ArrayList<>();
                }
                ids.add(s.subscriptionId());
            }
        }
        qos = Math.min(qos, message.qos());
        boolean retain = retainAsPublished && message.retain();
        return session.offer(new OutboundMessage(message, qos, retain, ids), maxQueued.getAsInt(), metrics);
    }

    /**
     * Queues the retained messages matching a new subscription.
     *
     * @param session the subscriber's session
     * @param subscription the subscription
     * @param retained the retained store
     */
    public void deliverRetained(Session session, Subscription subscription, RetainedStore retained) {
        List<Integer> ids = subscription.subscriptionId() > 0 ? List.of(subscription.subscriptionId()) : List.of();
        Acl current = acl.get();
        for (Message m : retained.matching(subscription.filter(), System.nanoTime())) {
            if (subscription.aclFiltered() && (current == null || !current.mayReceive(m.topic()))) {
                continue;
            }
            session.offer(new OutboundMessage(m, Math.min(m.qos(), subscription.qos()), true, ids),
                    maxQueued.getAsInt(), metrics);
        }
    }
}
