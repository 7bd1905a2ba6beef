// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.uplink.internal.buffer.BufferedUplink;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.client.OutgoingMessage;
import akenza.edge.uplink.internal.client.PublishCallback;
import akenza.edge.uplink.internal.client.UpstreamClient;
import akenza.edge.uplink.internal.client.UpstreamException;
import akenza.edge.uplink.internal.status.DropReason;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain state of one upstream connection: which records are inflight and since when. Records are read
 * from the buffer in order, at most {@code window} unacknowledged at a time, and removed from the buffer
 * only when acknowledged. A new connection starts again at the buffer's first record, so whatever was
 * inflight on a lost connection is sent again, in order.
 */
final class UpstreamConnection {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);

    private final UpstreamClient client;
    private final UplinkBuffer buffer;
    private final ForwarderStats stats;
    private final LinkSettings settings;
    private final String secret;
    private final Runnable wake;
    private final LinkStatus status;
    private final Backoff backoff;
    private final int window;
    private final PoisonProbe probe;
    private final LongConsumer acknowledged;
    private final InflightWindow inflight = new InflightWindow();
    private Set<Long> refusedInflight;
    private long nextSeq = Long.MIN_VALUE;
    /** The policy of the last {@link #fill}, for fills from acknowledgement callbacks. */
    private volatile CloudTopicMapping policy;
    private volatile String fault;
    private boolean propertiesWarned;

    /**
     * @param context what the sender shares with its connections
     * @param client this connection's upstream client
     * @param wake wakes the sender thread
     * @param backoff reset by every acknowledgement
     * @param probe finds an uplink the upstream refuses by disconnecting
     * @param acknowledged told the sequence number of every uplink akenza acknowledged
     */
    UpstreamConnection(SenderContext context, UpstreamClient client, Runnable wake, Backoff backoff,
            PoisonProbe probe, LongConsumer acknowledged) {
        this.client = client;
        this.buffer = context.buffer();
        this.stats = context.stats();
        this.settings = context.settings();
        this.secret = context.secret();
        this.wake = wake;
        this.status = context.status();
        this.backoff = backoff;
        this.probe = probe;
        this.acknowledged = acknowledged;
        this.window = Math.max(1, Math.min(settings.inflightWindow(), client.serverReceiveMaximum()));
    }

    /** How long a lost connection waits for Paho's report of why before it is ended as just "lost". */
    private static final long LOSS_REASON_GRACE_NANOS = 1_000_000_000L;
    /** When the client was first seen disconnected without a reported reason; sender thread only. */
    private Long disconnectedAt;

    /**
     * Sends as many records as the window allows.
     *
     * @param policy the topic policy
     * @return whether anything was read from the buffer (call again at once)
     */
    synchronized boolean fill(CloudTopicMapping policy) {
        this.policy = policy;
        int room = room();
        if (room <= 0 || fault != null || !client.isConnected()) {
            return false;
        }
        List<BufferedUplink> batch = buffer.read(nextSeq, room);
        Instant now = null;
        for (BufferedUplink b : batch) {
            nextSeq = b.seq() + 1;
            if (now == null && b.uplink().properties().messageExpirySeconds() != null) {
                now = Instant.now(); // only an expiry needs the time
            }
            send(b, policy, now);
            if (fault != null) {
                break;
            }
        }
        if (!batch.isEmpty()) {
            client.flush();
        }
        return !batch.isEmpty();
    }

    /** @return how many more records the window takes now */
    private int room() {
        int w = probe.limitsWindow(buffer) ? 1 : window;
        return w - inflight.size();
    }

    /**
     * After an acknowledgement the freed slot is refilled at once: on the client's I/O thread when it lets its
     * callbacks publish (no hand-off; the writes of one read go out in one flush), else by waking the sender (a
     * cheap signal when it is awake already).
     *
     * <p>Per acknowledgement, not per batch of them: a server with Nagle's algorithm on (Mosquitto by default)
     * holds its next PUBACK until our TCP acknowledgement, which rides on our next PUBLISH. Waiting for a quarter
     * of the window before sending cut the drain to 7,400 msg/s (Netty) and 4,200 msg/s (Paho) from 15,000-18,000.
     */
    private void refill() {
        if (room() < 1) {
            return;
        }
        CloudTopicMapping p = policy;
        if (client.publishesFromCallbacks() && p != null) {
            while (fill(p) && room() > 0) {
                // a batch went out; go on while records and room remain
            }
        } else {
            wake.run();
        }
    }

    private void send(BufferedUplink b, CloudTopicMapping policy, Instant now) {
        Optional<OutgoingMessage> message;
        try {
            message = UplinkMapper.map(b.uplink(), policy, secret, settings.qos(), now);
        } catch (RuntimeException e) {
            drop(b.seq(), DropReason.UNMAPPABLE);
            return;
        }
        if (message.isEmpty()) {
            drop(b.seq(), DropReason.EXPIRED);
            return;
        }
        OutgoingMessage m = message.get();
        if (!settings.mqtt5() && !m.properties().isEmpty()) {
            stats.propertiesNotForwarded();
            if (!propertiesWarned) {
                propertiesWarned = true;
                LOG.warn("The upstream speaks MQTT 3.1.1: MQTT 5 properties (content type, user properties, ...) "
                        + "cannot travel and are left off (counted as uplinks.properties.not.forwarded)");
            }
        }
        long seq = b.seq();
        inflight.add(seq, System.nanoTime());
        try {
            client.publish(m, new Outcome(seq));
        } catch (UpstreamException e) {
            inflight.remove(seq);
            fault("publish failed: " + e.getMessage());
        }
    }

    private void drop(long seq, DropReason reason) {
        if (buffer.remove(seq)) {
            stats.dropped(reason, 1);
        }
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return whether an inflight message waited longer than the ack timeout
     */
    boolean ackOverdue(long nowNanos) {
        long oldest = inflight.oldestSentAt();
        return InflightWindow.any(oldest) && nowNanos - oldest > settings.ackTimeout().toNanos();
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return nanoseconds until the oldest inflight message is overdue, or {@code Long.MAX_VALUE} when none
     */
    long nanosUntilOverdue(long nowNanos) {
        long oldest = inflight.oldestSentAt();
        return InflightWindow.any(oldest) ? oldest + settings.ackTimeout().toNanos() - nowNanos : Long.MAX_VALUE;
    }

    /** @return how many messages are unacknowledged */
    int inflightCount() {
        return inflight.size();
    }

    /**
     * The server ended the connection with a reason code; remembers what was inflight when it blames a message.
     *
     * @param why a secret-free reason
     * @param serverReasonCode the server's reason code, or -1
     */
    void serverFault(String why, int serverReasonCode) {
        if (PoisonProbe.blamesAMessage(serverReasonCode)) {
            synchronized (inflight) {
                if (refusedInflight == null) {
                    refusedInflight = inflight.seqs();
                }
            }
        }
        fault(why);
    }

    /** @return the records inflight when the server refused something, or {@code null} */
    Set<Long> refusedInflight() {
        synchronized (inflight) {
            return refusedInflight;
        }
    }

    /** @param why a secret-free reason; ends this connection */
    void fault(String why) {
        if (fault == null) {
            fault = why;
        }
        wake.run();
    }

    /** @return why this connection ended, or {@code null} while it is healthy */
    String fault() {
        String f = fault;
        if (f != null) {
            return f;
        }
        if (client.isConnected()) {
            return null;
        }
        // Paho reports why (e.g. the server's DISCONNECT reason) a moment after the client turns disconnected.
        long now = System.nanoTime();
        if (disconnectedAt == null) {
            disconnectedAt = now;
        }
        return now - disconnectedAt > LOSS_REASON_GRACE_NANOS ? "connection lost" : null;
    }

    private final class Outcome implements PublishCallback {
        private final long seq;

        Outcome(long seq) {
            this.seq = seq;
        }

        private boolean settle() {
            return inflight.remove(seq);
        }

        @Override
        public void acknowledged() {
            settle();
            if (buffer.remove(seq)) {
                stats.forwarded();
                acknowledged.accept(seq);
            }
            backoff.reset();
            refill();
        }

        @Override
        public void rejected(int reasonCode) {
            if (reasonCode == 0x97 || reasonCode == 0x80 || reasonCode == 0x83) {
                // Quota exceeded or transient server trouble: keep the record, slow down and try again.
                settle();
                fault(String.format("upstream refused an uplink with reason 0x%02X; retrying later", reasonCode));
                return;
            }
            settle();
            drop(seq, DropReason.UPSTREAM_REJECTED);
            String error = String.format("upstream rejected an uplink with reason 0x%02X; dropped", reasonCode);
            status.error(error);
            LOG.debug(error);
            wake.run();
        }

        @Override
        public void failed(String reason, int serverReasonCode) {
            // Snapshot the inflight set (this record included) before settling it.
            serverFault("publish failed: " + reason, serverReasonCode);
            settle();
        }
    }
}
