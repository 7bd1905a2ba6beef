// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The state MQTT keeps per client id: subscriptions, the outbound queue and inflight window, and the QoS 2
 * packet ids received but not yet released.
 *
 * <p>Every method synchronizes on the session itself: the lock is per client, so publishers to different
 * sessions never contend. Network writes happen outside it, on the owning connection's event loop.
 */
public final class Session {

    /** A QoS 1/2 message taken from the queue and given a packet id, ready to be written. */
    public record Sendable(int packetId, OutboundMessage outbound) {
    }

    private final String clientId;
    /** Who created the session; only the same principal may resume or take it over. */
    private final DeviceIdentity identity;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>();
    private final Map<Integer, Inflight> inflight = new LinkedHashMap<>();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private SessionOwner owner;
    private long expirySeconds;
    private int nextPacketId = 1;
    private ScheduledFuture<?> expiryTask;
    private ScheduledFuture<?> willTask;
    /** A will waiting for its delay; published at the latest when the session ends (MQTT 5 3.1.3.2.2). */
    private Runnable delayedWill;

    /**
     * @param clientId the client id
     */
    public Session(String clientId) {
        this(clientId, DeviceIdentity.anonymous(clientId));
    }

    /**
     * @param clientId the client id
     * @param identity the principal that creates the session and alone may resume it
     */
    public Session(String clientId, DeviceIdentity identity) {
        this.clientId = clientId;
        this.identity = identity;
    }

    /** @return the live connection, or {@code null} while offline */
    public synchronized SessionOwner owner() {
        return owner;
    }

    /** @return the principal the session belongs to */
    public DeviceIdentity identity() {
        return identity;
    }

    /** @return the client id */
    public String clientId() {
        return clientId;
    }

    /** @return the live subscriptions by filter as subscribed */
    public Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /**
     * Queues a message and wakes the connection, if any.
     *
     * @param message the message
     * @param maxQueued the queue bound
     * @param metrics where drops are counted
     * @return whether it was queued (QoS 0 is not queued while offline)
     */
    public boolean offer(OutboundMessage message, int maxQueued, BrokerMetrics metrics) {
        SessionOwner wake;
        synchronized (this) {
            if (owner == null && message.qos() == 0) {
                metrics.dropped("qos0_offline");
                return false;
            }
            if (queue.size() >= maxQueued) {
                metrics.dropped("queue_full");
                return false;
            }
            queue.add(message);
            wake = owner;
        }
        if (wake != null) {
            wake.drainLater();
        }
        return true;
    }

    /**
     * Takes the next message that may be sent now.
     *
     * @param sendQuota how many QoS 1/2 messages may be unacknowledged at once
     * @param nowNanos the current time, to drop expired messages
     * @param metrics where expired drops are counted
     * @return the next QoS 0 message (packet id 0) or QoS 1/2 message with its packet id; {@code null} when
     *         the queue is empty or the window full
     */
    public synchronized Sendable poll(int sendQuota, long nowNanos, BrokerMetrics metrics) {
        while (!queue.isEmpty()) {
            OutboundMessage head = queue.peek();
            if (head.message().expired(nowNanos)) {
                queue.poll();
                metrics.dropped("expired");
                continue;
            }
            if (head.qos() > 0 && inflight.size() >= sendQuota) {
                return null;
            }
            queue.poll();
            if (head.qos() == 0) {
                return new Sendable(0, head);
            }
            int id = allocatePacketId();
            inflight.put(id, new Inflight(id, head, false));
            return new Sendable(id, head);
        }
        return null;
    }

    private int allocatePacketId() {
        while (inflight.containsKey(nextPacketId)) {
            nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        }
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        return id;
    }

    /**
     * @param packetId the id of a PUBACK
     * @return whether it acknowledged an inflight QoS 1 message
     */
    public synchronized boolean puback(int packetId) {
        Inflight entry = inflight.get(packetId);
        if (entry == null || entry.outbound().qos() != 1) {
            return false;
        }
        inflight.remove(packetId);
        return true;
    }

    /**
     * @param packetId the id of a PUBREC
     * @param accepted false when the client refused the message (v5 reason >= 0x80): then it is done
     * @return whether it matched an inflight QoS 2 message
     */
    public synchronized boolean pubrec(int packetId, boolean accepted) {
        Inflight entry = inflight.get(packetId);
        if (entry == null || entry.outbound().qos() != 2) {
            return false;
        }
        if (accepted) {
            inflight.put(packetId, entry.release());
        } else {
            inflight.remove(packetId);
        }
        return true;
    }

    /**
     * @param packetId the id of a PUBCOMP
     * @return whether it completed a released QoS 2 message
     */
    public synchronized boolean pubcomp(int packetId) {
        Inflight entry = inflight.get(packetId);
        if (entry == null || !entry.released()) {
            return false;
        }
        inflight.remove(packetId);
        return true;
    }

    /** @return the unacknowledged messages in send order, for redelivery after a reconnect */
    public synchronized List<Inflight> inflight() {
        return new ArrayList<>(inflight.values());
    }

    /** @return how many messages wait in the queue */
    public synchronized int queued() {
        return queue.size();
    }

    /**
     * @param packetId a QoS 2 packet id from the client
     * @return whether a PUBLISH with this id was accepted and not yet released (a duplicate)
     */
    public synchronized boolean hasInboundQos2(int packetId) {
        return inboundQos2.contains(packetId);
    }

    /**
     * @param packetId a QoS 2 packet id acknowledged with PUBREC
     */
    public synchronized void addInboundQos2(int packetId) {
        inboundQos2.add(packetId);
    }

    /**
     * @param packetId the id of a PUBREL
     * @return whether it was pending
     */
    public synchronized boolean releaseInboundQos2(int packetId) {
        return inboundQos2.remove(packetId);
    }

    /** @return how many QoS 2 messages from the client await PUBREL */
    public synchronized int inboundQos2Count() {
        return inboundQos2.size();
    }

    /**
     * Makes a connection the owner and cancels pending expiry and will timers.
     *
     * @param newOwner the connection
     * @return the previous owner, to be told it was taken over, or {@code null}
     */
    public synchronized SessionOwner attach(SessionOwner newOwner) {
        SessionOwner previous = owner;
        owner = newOwner;
        cancelTimers();
        return previous;
    }

    /**
     * @param leaving the connection that closes
     * @return whether it was the owner (a taken-over connection is not)
     */
    public synchronized boolean detach(SessionOwner leaving) {
        if (owner != leaving) {
            return false;
        }
        owner = null;
        return true;
    }

    /** @return whether a connection owns the session */
    public synchronized boolean online() {
        return owner != null;
    }

    /** @return the session expiry interval in seconds (0 = ends with the connection) */
    public synchronized long expirySeconds() {
        return expirySeconds;
    }

    /**
     * @param seconds the session expiry interval
     */
    public synchronized void expirySeconds(long seconds) {
        this.expirySeconds = seconds;
    }

    /**
     * @param task the task that discards the session when it expires
     */
    public synchronized void expiryTask(ScheduledFuture<?> task) {
        this.expiryTask = task;
    }

    /**
     * @param task the task that publishes a delayed will
     */
    public synchronized void willTask(ScheduledFuture<?> task) {
        this.willTask = task;
    }

    /**
     * Keeps a will until its delay passes or the session ends, whichever comes first; set it before scheduling
     * the {@link #willTask} that takes it.
     *
     * @param will publishes the will
     */
    public synchronized void delayedWill(Runnable will) {
        this.delayedWill = will;
    }

    /**
     * Takes the delayed will, so that it is published once: by its timer or by the end of the session.
     *
     * @return the will to publish now, or {@code null} when there is none (left, published, or the client came back)
     */
    public synchronized Runnable takeDelayedWill() {
        Runnable will = delayedWill;
        delayedWill = null;
        if (willTask != null) {
            willTask.cancel(false);
            willTask = null;
        }
        return will;
    }

    /** Cancels the expiry and delayed-will timers and drops a delayed will (the client came back). */
    public synchronized void cancelTimers() {
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
        if (willTask != null) {
            willTask.cancel(false);
            willTask = null;
        }
        delayedWill = null;
    }
}
