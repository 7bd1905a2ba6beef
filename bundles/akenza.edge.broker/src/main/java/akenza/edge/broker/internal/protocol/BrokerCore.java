// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkSink;
import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.ResourceLimits;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.routing.RetainedStore;
import akenza.edge.broker.internal.routing.Router;
import akenza.edge.broker.internal.routing.Subscription;
import akenza.edge.broker.internal.routing.SubscriptionTree;
import akenza.edge.broker.internal.security.ConnectAuthenticator;
import akenza.edge.broker.internal.security.PublishAuthorizer;
import akenza.edge.broker.internal.security.SecretMask;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionOwner;
import akenza.edge.broker.internal.session.SessionRegistry;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state every connection shares: settings, services, ACL, sessions, subscriptions, retained messages
 * and counters, plus the steps common to client publishes, wills and server-originated messages.
 */
public final class BrokerCore {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCore.class);
    /** Owner of retained downlinks in the retained store; no client identity has this name (theirs hold a colon). */
    private static final String CLOUD_RETAINED_OWNER = "cloud";

    /** The outcome of every publish that is not an uplink: one shared completed stage, not one per message. */
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BrokerServices services;
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final BrokerMetrics.Counter uplinksOffered = metrics.counter("uplinks.offered");
    private final SessionRegistry sessions = new SessionRegistry(new SubscriptionTree());
    private final RetainedStore retained = new RetainedStore();
    private final Router router;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final EventExecutorGroup timers;
    private volatile BrokerSettings settings;
    private volatile Acl acl;

    /**
     * @param settings the initial settings
     * @param services the optional services
     * @param timers where session-expiry and will-delay timers run
     */
    public BrokerCore(BrokerSettings settings, BrokerServices services, EventExecutorGroup timers) {
        this.services = services;
        this.timers = timers;
        this.router = new Router(sessions, metrics, () -> this.settings.maxQueuedMessages(), () -> this.acl);
        settings(settings);
    }

    /**
     * Applies new settings; an ACL that does not parse denies everything (and is logged).
     *
     * @param newSettings the settings
     */
    public void settings(BrokerSettings newSettings) {
        Acl parsed;
        try {
            parsed = Acl.parse(newSettings.aclRules());
        } catch (IllegalArgumentException e) {
            LOG.error("Broker ACL is invalid, denying all publish and subscribe of local clients: {}",
                    SecretMask.maskTopics(e.getMessage()));
            parsed = null;
        }
        this.acl = parsed;
        this.settings = newSettings;
    }

    /** @return the current settings */
    public BrokerSettings settings() {
        return settings;
    }

    /** @return whether the configured ACL parsed; when not, local clients are denied everything */
    public boolean aclValid() {
        return acl != null;
    }

    /** @return the counters */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /** The identity that publishes with a client id, for per-identity limits: its session's owner. */
    private String ownerOf(String clientId) {
        Session session = clientId == null ? null : sessions.get(clientId);
        if (session == null) {
            return clientId == null ? "gateway" : "client:" + clientId;
        }
        return session.identity().method() + ":" + session.identity().id();
    }

    /**
     * Closes the live connection of a JWT device whose credentials were revoked; its next CONNECT meets the
     * authenticator, which refuses it. Any thread.
     *
     * @param deviceId the device
     */
    public void credentialsRevoked(String deviceId) {
        Session session = sessions.get(deviceId);
        if (session == null || session.identity().method() != akenza.edge.api.auth.AuthMethod.JWT
                || !session.identity().id().equals(deviceId)) {
            return;
        }
        SessionOwner owner = session.owner();
        if (owner != null) {
            owner.credentialsRevoked(deviceId);
        }
    }

    /** @return the sessions; for tests of this package, which end sessions as the expiry timer would */
    SessionRegistry sessions() {
        return sessions;
    }

    /**
     * Counts a new socket.
     *
     * @return the sockets open now, this one included
     */
    int connectionOpened() {
        return openConnections.incrementAndGet();
    }

    /** Counts a closed socket. */
    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /**
     * Asks the authenticator (or the broker's own accounts) who a CONNECT is.
     *
     * @param request what the CONNECT carried
     * @return the decision, possibly completed later on another thread
     */
    CompletionStage<AuthResult> authenticate(ConnectRequest request) {
        return ConnectAuthenticator.authenticate(request, settings, services.authenticator(), services.starting());
    }

    /**
     * Gives a connection the session of its client id (see {@link SessionRegistry#attach}); a session meant to
     * outlive its connection counts against the persistent-session limits.
     *
     * @param clientId the client id
     * @param fresh whether an existing session is discarded first
     * @param owner the connection
     * @param identity who the connection authenticated as
     * @param grantedExpiry the session expiry interval granted, in seconds
     * @return the session, or a refusal
     */
    SessionRegistry.Attached attachSession(String clientId, boolean fresh, SessionOwner owner,
            DeviceIdentity identity, long grantedExpiry) {
        ResourceLimits limits = settings.limits();
        SessionRegistry.SessionQuota quota = grantedExpiry > 0 ? new SessionRegistry.SessionQuota(
                limits.maxSessions(), limits.maxSessionsPerIdentity(), grantedExpiry) : null;
        return sessions.attach(clientId, fresh, owner, identity, quota);
    }

    /**
     * @param identity who subscribes
     * @param raw the filter as requested (may carry a {@code $share/group/} prefix)
     * @param filter the filter proper
     * @return whether it is granted, and how
     */
    PublishAuthorizer.SubscribeVerdict judgeSubscribe(DeviceIdentity identity, String raw, String filter) {
        return PublishAuthorizer.judgeSubscribe(identity, raw, filter, acl, services.topicPolicy());
    }

    /**
     * Makes a subscription match (its session already holds it).
     *
     * @param subscription the subscription
     */
    void subscribe(Subscription subscription) {
        sessions.tree().add(subscription);
    }

    /**
     * @param clientId the client
     * @param shareGroup the share group or {@code null}
     * @param filter the filter proper
     */
    void unsubscribe(String clientId, String shareGroup, String filter) {
        sessions.tree().remove(clientId, shareGroup, filter);
    }

    /**
     * Queues the retained messages matching a new subscription.
     *
     * @param session the subscriber's session
     * @param subscription the subscription
     */
    void deliverRetained(Session session, Subscription subscription) {
        router.deliverRetained(session, subscription, retained);
    }

    /**
     * Delivers a message from the cloud (the api's {@code LocalDelivery}) to local subscribers; a retained one
     * is kept within the same totals as the devices' retained messages, under the owner {@code cloud}.
     *
     * @param message the message
     * @return how many sessions it was delivered or queued to
     */
    public int deliverFromCloud(Message message) {
        metrics.increment("messages.local_delivery");
        if (message.retain() && !retained.put(message, CLOUD_RETAINED_OWNER, settings.limits().retainedTotalsOnly())) {
            metrics.dropped("retained_quota"); // still delivered, just not kept
        }
        return router.route(message);
    }

    /**
     * Adds the broker's counters and gauges for its status: every counter, sessions and queued messages,
     * retained messages and bytes, persistent sessions and open sockets.
     *
     * @param counters where they go
     */
    public void putStatus(Map<String, Long> counters) {
        counters.putAll(metrics.snapshot());
        long queued = 0;
        long count = 0;
        for (Session s : sessions.all()) {
            count++;
            queued += s.queued();
        }
        counters.put("sessions", count);
        counters.put("messages.queued", queued);
        counters.put("messages.retained", (long) retained.size());
        counters.put("messages.retained.bytes", retained.bytes());
        counters.put("sessions.persistent", (long) sessions.persistentCount());
        counters.put("connections.open", (long) openConnections.get());
    }

    /**
     * Publishes an accepted message: stores or clears the retained message, routes it to subscribers and, for
     * an uplink, offers it to the sink.
     *
     * @param message the message
     * @param decision the authorizer's decision (not {@code Refused})
     * @return completes when the sink holds the uplink (at once for non-uplinks, or without a sink when the
     *         gateway is configured to run without a forwarder); fails with the sink's
     *         {@code UplinkRefusedException}, or {@link SinkUnavailableException} when no sink is bound
     */
    public CompletionStage<Void> publish(Message message, PublishDecision decision) {
        if (message.retain() && !retained.put(message, ownerOf(message.publisherClientId()), settings.limits())) {
            metrics.dropped("retained_quota"); // still delivered, just not kept
        }
        router.route(message);
        if (!(decision instanceof PublishDecision.UplinkRoute route)) {
            return DONE;
        }
        UplinkSink sink = services.uplinkSink();
        if (sink == null) {
            if (services.uplinksWithoutForwarder()) {
                // Configured explicitly: this gateway has no forwarder, local subscribers are the destination.
                metrics.increment("uplinks.local_only");
                return CompletableFuture.completedFuture(null);
            }
            // Starting, restarting, reconfiguring or stopped forwarder: never acknowledge what nothing stored.
            metrics.increment("uplinks.no_sink");
            return CompletableFuture.failedFuture(new SinkUnavailableException());
        }
        uplinksOffered.increment();
        Uplink uplink = new Uplink(route.deviceId(), route.levels(), route.akenzaTopic(), message.payload(),
                message.qos(), message.retain(), message.properties(), Instant.now());
        try {
            CompletionStage<Void> stage = sink.offer(uplink);
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * @param identity who publishes
     * @param topic the topic
     * @return the authorization decision
     */
    public PublishDecision authorizePublish(DeviceIdentity identity, String topic) {
        return PublishAuthorizer.publish(identity, topic, acl, services.topicPolicy());
    }

    /**
     * Ends a session's life after its expiry interval, or at once when the interval is 0.
     *
     * @param session a session whose connection closed
     */
    public void scheduleExpiry(Session session) {
        long seconds = session.expirySeconds();
        if (seconds <= 0) {
            sessions.discardIfOffline(session);
            return;
        }
        if (seconds >= 0xFFFF_FFFFL) {
            return; // never expires
        }
        session.expiryTask(timers.next().schedule(() -> {
            if (sessions.discardIfOffline(session)) {
                metrics.increment("sessions.expired");
            }
        }, seconds, TimeUnit.SECONDS));
    }

    /**
     * Publishes a will now or after its delay.
     *
     * @param will the will
     * @param session the session of the connection that ended (for delay and expiry)
     */
    public void publishWill(WillMessage will, Session session) {
        long delay = Math.min(will.delaySeconds(), session == null ? 0 : session.expirySeconds());
        if (delay <= 0 || session == null) {
            doPublishWill(will);
            return;
        }
        session.delayedWill(() -> doPublishWill(will));
        session.willTask(timers.next().schedule(() -> {
            Runnable due = session.takeDelayedWill();
            if (due != null) {
                due.run();
            }
        }, delay, TimeUnit.SECONDS));
    }

    private void doPublishWill(WillMessage will) {
        Message m = will.message();
        // Message expiry of a will counts from when it is published, not from CONNECT.
        Message message = new Message(m.topic(), m.payload(), m.qos(), m.retain(), m.properties(),
                m.publisherClientId(), System.nanoTime());
        PublishDecision decision = authorizePublish(will.identity(), message.topic());
        if (decision instanceof PublishDecision.Refused refused) {
            metrics.increment("refused.will");
            LOG.info("Will of {} on {} refused: {}", will.identity(), LogText.of(message.topic(), will.identity()),
                    refused.reason());
            return;
        }
        metrics.increment("wills.published");
        publish(message, decision).exceptionally(e -> {
            metrics.increment("uplinks.refused");
            return null;
        });
    }

    /**
     * @param clientId the client id
     * @param identity who connected
     */
    public void notifyConnected(String clientId, DeviceIdentity identity) {
        for (SessionListener l : services.sessionListeners()) {
            try {
                l.connected(clientId, identity);
            } catch (RuntimeException e) {
                LOG.warn("Session listener failed on connect of {}", LogText.of(clientId), e);
            }
        }
    }

    /**
     * @param clientId the client id
     * @param identity who disconnected
     */
    public void notifyDisconnected(String clientId, DeviceIdentity identity) {
        for (SessionListener l : services.sessionListeners()) {
            try {
                l.disconnected(clientId, identity);
            } catch (RuntimeException e) {
                LOG.warn("Session listener failed on disconnect of {}", LogText.of(clientId), e);
            }
        }
    }
}
