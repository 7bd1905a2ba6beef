// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import akenza.edge.broker.internal.routing.Subscription;
import akenza.edge.broker.internal.routing.SubscriptionTree;

/** The sessions by client id, and the subscription tree they feed. */
public final class SessionRegistry {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;

    /**
     * @param tree the subscription tree that mirrors the sessions' subscriptions
     */
    public SessionRegistry(SubscriptionTree tree) {
        this.tree = tree;
    }

    /**
     * @param clientId a client id
     * @return its session, or {@code null}
     */
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    /**
     * @param clientId a client id
     * @param fresh whether an existing session is discarded first (clean session / clean start)
     * @return the session and whether it existed before
     */
    public Lookup open(String clientId, boolean fresh) {
        Session existing = sessions.get(clientId);
        if (existing != null && fresh) {
            discard(existing);
            existing = null;
        }
        if (existing != null) {
            return new Lookup(existing, true);
        }
        Session created = new Session(clientId);
        Session raced = sessions.putIfAbsent(clientId, created);
        return raced == null ? new Lookup(created, false) : new Lookup(raced, true);
    }

    /**
     * The result of {@link #open}.
     *
     * @param session the session
     * @param present whether it existed before (CONNACK session present)
     */
    public record Lookup(Session session, boolean present) {
    }

    /**
     * Removes a session and its subscriptions.
     *
     * @param session the session
     */
    public void discard(Session session) {
        if (sessions.remove(session.clientId(), session)) {
            session.cancelTimers();
            for (Subscription s : session.subscriptions().values()) {
                tree.remove(s.clientId(), s.shareGroup(), s.filter());
            }
            session.subscriptions().clear();
        }
    }

    /** @return every session */
    public Collection<Session> all() {
        return sessions.values();
    }

    /** @return the subscription tree */
    public SubscriptionTree tree() {
        return tree;
    }
}
