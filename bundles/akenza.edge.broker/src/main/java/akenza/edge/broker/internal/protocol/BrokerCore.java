// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkSink;
import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.routing.RetainedStore;
import akenza.edge.broker.internal.routing.Router;
import akenza.edge.broker.internal.routing.SubscriptionTree;
import akenza.edge.broker.internal.security.SecretMask;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionOwner;
import akenza.edge.broker.internal.session.SessionRegistry;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Instant;
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

    private final BrokerServices services;
    private final BrokerMetrics metrics = new BrokerMetrics();
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

    /** @return the ACL, {@code null} when the configured rules are invalid */
    public Acl acl() {
        return acl;
    }

    /** @return the services */
    public BrokerServices services() {
        return services;
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

    /** @return the sessions */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** @return the retained messages */
    public RetainedStore retained() {
        return retained;
    }

    /** @return the router */
    public Router router() {
        return router;
    }

    /** @return the count of open sockets */
    public AtomicInteger openConnections() {
        return openConnections;
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
            return CompletableFuture.completedFuture(null);
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
        metrics.increment("uplinks.offered");
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
        return akenza.edge.broker.internal.security.PublishAuthorizer.publish(identity, topic, acl,
                services.topicPolicy());
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

    /** No uplink sink is bound (starting, restarting, stopped): the publisher must send the uplink again later. */
    public static final class SinkUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkUnavailableException() {
            super("no uplink store is bound", null, false, false);
        }
    }
}
