// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import akenza.edge.api.auth.DeviceIdentity;
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
     * Gives a connection the session of its client id, atomically with respect to expiry of that session.
     * A session belongs to the principal that created it: another identity is refused and the session, its
     * connection included, stays untouched (no takeover, no clean start of someone else's session).
     *
     * @param clientId a client id
     * @param fresh whether an existing session is discarded first (clean session / clean start)
     * @param owner the connection taking the session
     * @param identity who the connection authenticated as
     * @return the session, whether it existed before, and the connection that owned it until now; or a refusal
     */
    public Attached attach(String clientId, boolean fresh, SessionOwner owner, DeviceIdentity identity) {
        Session[] discarded = new Session[1];
        Attached[] result = new Attached[1];
        sessions.compute(clientId, (id, existing) -> {
            if (existing != null && !existing.identity().sameAs(identity)) {
                result[0] = new Attached(null, false, null);
                return existing;
            }
            SessionOwner previous = existing == null ? null : existing.attach(null);
            if (existing != null && !fresh) {
                existing.attach(owner);
                result[0] = new Attached(existing, true, previous);
                return existing;
            }
            discarded[0] = existing;
            Session created = new Session(id, identity);
            created.attach(owner);
            result[0] = new Attached(created, false, previous);
            return created;
        });
        if (discarded[0] != null) {
            cleanUp(discarded[0]);
        }
        return result[0];
    }

    /**
     * The result of {@link #attach}.
     *
     * @param session the session now owned by the connection, or {@code null} when the client id belongs to
     *        another identity's session
     * @param present whether it existed before (CONNACK session present)
     * @param previousOwner the connection that owned it until now (to be told it was taken over), or {@code null}
     */
    public record Attached(Session session, boolean present, SessionOwner previousOwner) {
        /** @return whether the session belongs to another identity and nothing was attached */
        public boolean refused() {
            return session == null;
        }
    }

    /**
     * Removes a session unless a connection owns it again (the client came back in time).
     *
     * @param session the session
     * @return whether it was removed
     */
    public boolean discardIfOffline(Session session) {
        boolean[] removed = new boolean[1];
        sessions.computeIfPresent(session.clientId(), (id, current) -> {
            if (current == session && !current.online()) {
                removed[0] = true;
                return null;
            }
            return current;
        });
        if (removed[0]) {
            cleanUp(session);
        }
        return removed[0];
    }

    /**
     * Removes a session and its subscriptions.
     *
     * @param session the session
     */
    public void discard(Session session) {
        if (sessions.remove(session.clientId(), session)) {
            cleanUp(session);
        }
    }

    private void cleanUp(Session session) {
        session.cancelTimers();
        for (Subscription s : session.subscriptions().values()) {
            tree.remove(s.clientId(), s.shareGroup(), s.filter());
        }
        session.subscriptions().clear();
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
