// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.routing.Subscription;
import akenza.edge.broker.internal.routing.SubscriptionTree;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions by client id, and the subscription tree they feed. */
public final class SessionRegistry {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;
    /** Serialises the persistent-session quota check with the attach it allows. */
    private final Object quotaLock = new Object();

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
        return attach(clientId, fresh, owner, identity, null);
    }

    /**
     * Like {@link #attach(String, boolean, SessionOwner, DeviceIdentity)}, and refuses a new persistent session
     * beyond the limits (the client's own existing session does not count against it).
     *
     * @param clientId a client id
     * @param fresh whether an existing session is discarded first
     * @param owner the connection taking the session
     * @param identity who the connection authenticated as
     * @param quota the persistent-session limits when the session is to outlive its connection, else {@code null}
     * @return the session, or a refusal
     */
    public Attached attach(String clientId, boolean fresh, SessionOwner owner, DeviceIdentity identity,
            SessionQuota quota) {
        if (quota == null) {
            return attachNow(clientId, fresh, owner, identity);
        }
        // Check and reserve in one step: concurrent CONNECTs (one per event loop) must not all pass the check
        // before any of them counts. The session counts as persistent from here on, before CONNACK.
        synchronized (quotaLock) {
            if (overQuota(clientId, identity, quota)) {
                return new Attached(null, false, null, Refusal.QUOTA_EXCEEDED);
            }
            Attached attached = attachNow(clientId, fresh, owner, identity);
            if (attached.session() != null) {
                attached.session().expirySeconds(quota.expirySeconds());
            }
            return attached;
        }
    }

    private Attached attachNow(String clientId, boolean fresh, SessionOwner owner, DeviceIdentity identity) {
        Session[] discarded = new Session[1];
        Attached[] result = new Attached[1];
        sessions.compute(clientId, (id, existing) -> {
            if (existing != null && !existing.identity().sameAs(identity)) {
                result[0] = new Attached(null, false, null, Refusal.OTHER_IDENTITY);
                return existing;
            }
            SessionOwner previous = existing == null ? null : existing.attach(null);
            if (existing != null && !fresh) {
                existing.attach(owner);
                result[0] = new Attached(existing, true, previous, null);
                return existing;
            }
            discarded[0] = existing;
            Session created = new Session(id, identity);
            created.attach(owner);
            result[0] = new Attached(created, false, previous, null);
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
    public record Attached(Session session, boolean present, SessionOwner previousOwner, Refusal refusal) {
        /** @return whether nothing was attached (see {@link #refusal()}) */
        public boolean refused() {
            return session == null;
        }
    }

    /** Why {@link #attach} attached nothing. */
    public enum Refusal {
        /** The client id's session belongs to another identity. */
        OTHER_IDENTITY,
        /** One more persistent session would exceed the total or the identity's limit. */
        QUOTA_EXCEEDED
    }

    /**
     * The persistent-session limits.
     *
     * @param maxTotal persistent sessions kept in total
     * @param maxPerIdentity persistent sessions one identity may hold
     * @param expirySeconds the session expiry granted (above 0), set on the session as it is attached
     */
    public record SessionQuota(int maxTotal, int maxPerIdentity, long expirySeconds) {
    }

    /**
     * Counts the persistent sessions (session expiry above 0) other than the client id's own. A scan, not a
     * counter: persistent CONNECTs are rare next to messages, and nothing can drift out of step.
     */
    private boolean overQuota(String clientId, DeviceIdentity identity, SessionQuota quota) {
        int total = 0;
        int mine = 0;
        for (Session s : sessions.values()) {
            if (s.clientId().equals(clientId) || s.expirySeconds() == 0) {
                continue;
            }
            total++;
            if (s.identity().sameAs(identity)) {
                mine++;
            }
        }
        return total >= quota.maxTotal() || mine >= quota.maxPerIdentity();
    }

    /** @return how many sessions outlive their connection (session expiry above 0) */
    public int persistentCount() {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s.expirySeconds() > 0) {
                n++;
            }
        }
        return n;
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
        // A session that ends (expiry) publishes its still-delayed will now (MQTT 5 3.1.3.2.2); a client that
        // came back (attach) has already dropped it.
        Runnable will = session.takeDelayedWill();
        session.cancelTimers();
        for (Subscription s : session.subscriptions().values()) {
            tree.remove(s.clientId(), s.shareGroup(), s.filter());
        }
        session.subscriptions().clear();
        if (will != null) {
            will.run();
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
