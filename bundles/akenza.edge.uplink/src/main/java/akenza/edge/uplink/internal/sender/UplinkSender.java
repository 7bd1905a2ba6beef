// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.TopicMask;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.client.Redactor;
import akenza.edge.uplink.internal.client.UpstreamClient;
import akenza.edge.uplink.internal.client.UpstreamException;
import akenza.edge.uplink.internal.client.UpstreamListener;
import akenza.edge.uplink.internal.status.DropReason;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the upstream: connects, subscribes to downlinks, drains the buffer at full speed
 * within the inflight window, detects a connection that stops acknowledging, and reconnects with backoff.
 * Acknowledgements refill the window from the upstream client's own thread ({@link UpstreamConnection}); this
 * thread is woken for what remains (a new uplink, a fault, a subscription).
 */
public final class UplinkSender {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkSender.class);
    /**
     * The longest the connected sender sleeps with nothing in flight. Everything it waits for wakes it (new
     * records, acknowledgements, a lost connection, a policy, a device to subscribe); this bound is only a
     * safety net. Each wake-up costs a small gateway CPU time; idle, a gateway should sleep.
     */
    static final long IDLE_DRAIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** While the client reports disconnected without a reason yet (see {@link UpstreamConnection#fault()}). */
    private static final long LOSS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SUBSCRIBE_BATCH = 32;

    private final SenderContext context;
    private final UplinkBuffer buffer;
    private final LinkSettings settings;
    private final ForwarderStats stats;
    private final LinkStatus status;
    private final Supplier<CloudTopicMapping> policy;
    private final String secret;
    private final Function<UpstreamListener, UpstreamClient> clients;
    private final DownlinkRelay relay;
    private final DeviceSubscriptions devices;
    private final LongSupplier tick;
    private final Backoff backoff;
    private final PoisonProbe probe = new PoisonProbe();
    private final OutageLog outages = new OutageLog();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private final Thread thread;
    /** Waits for SUBACKs so the sender thread never does; one thread, alive as long as this sender. */
    private final ExecutorService subscriber;
    private boolean signalled;
    private volatile boolean running = true;
    private volatile boolean perDevice;
    private volatile UpstreamConnection connection;
    private volatile UpstreamClient currentClient;
    private volatile LongConsumer acknowledged = seq -> {
    };

    /**
     * @param context the buffer, settings, counters, status, topic policy and secret the sender works with
     * @param clients makes one upstream client per connection attempt
     * @param relay where downlinks go
     * @param devices the per-device subscriptions
     * @param tick periodic work (such as status uplinks) on the sender thread; returns the nanoseconds until it
     *        wants to run again ({@code Long.MAX_VALUE}: only when woken); the sender sleeps no longer than that
     */
    public UplinkSender(SenderContext context, Function<UpstreamListener, UpstreamClient> clients,
            DownlinkRelay relay, DeviceSubscriptions devices, LongSupplier tick) {
        this.context = context;
        this.buffer = context.buffer();
        this.settings = context.settings();
        this.stats = context.stats();
        this.status = context.status();
        this.policy = context.policy();
        this.secret = context.secret();
        this.clients = clients;
        this.relay = relay;
        this.devices = devices;
        this.tick = tick;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        this.perDevice = settings.downlinksPerDevice();
        this.thread = new Thread(this::run, "akenza-uplink-sender");
        this.thread.setDaemon(true);
        this.subscriber = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "akenza-uplink-subscriber");
            t.setDaemon(true);
            return t;
        });
    }

    /** @param listener told the sequence number of every uplink akenza acknowledged; set before {@link #start()} */
    public void onAcknowledged(LongConsumer listener) {
        acknowledged = listener;
    }

    /** Starts the sender thread. */
    public void start() {
        thread.start();
    }

    /** Wakes the sender (new records, an acknowledgement, a new policy). Cheap; any thread. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            wakeup.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @param deviceId a device that connected or published; subscribed upstream when per-device mode is on */
    public void deviceSeen(String deviceId) {
        if (settings.downlinksEnabled() && devices.seen(deviceId) && perDevice) {
            wake();
        }
    }

    /** @return the number of unacknowledged upstream publishes */
    public int inflight() {
        UpstreamConnection c = connection;
        return c == null ? 0 : c.inflightCount();
    }

    private void run() {
        boolean firstAttempt = true;
        while (running) {
            long untilTick = tick.getAsLong();
            CloudTopicMapping p = policy.get();
            if (p == null) {
                // A policy service that appears wakes the sender.
                status.set(LinkState.IDLE, "waiting for the topic policy service");
                await(Math.min(untilTick, IDLE_DRAIN_WAIT_NANOS));
                continue;
            }
            if (!firstAttempt) {
                stats.reconnect();
            }
            firstAttempt = false;
            status.set(LinkState.CONNECTING, "");
            AttemptListener listener = new AttemptListener();
            UpstreamClient client = null;
            String why;
            try {
                client = clients.apply(listener);
                currentClient = client;
                if (!running) {
                    break;
                }
                client.connect();
                status.set(LinkState.CONNECTED, "");
                outages.connected();
                LOG.info("Connected upstream; backlog {} message(s)", buffer.count());
                why = serve(client, listener);
            } catch (UpstreamException e) {
                why = "connect failed: " + e.getMessage();
            } catch (RuntimeException e) {
                why = "upstream error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                UpstreamConnection ended = connection;
                connection = null;
                currentClient = null;
                if (client != null) {
                    client.close();
                }
                if (ended != null && ended.refusedInflight() != null) {
                    dropIfPoison(ended.refusedInflight());
                }
            }
            if (!running) {
                break;
            }
            why = Redactor.redact(why, secret);
            status.error(why);
            Duration delay = backoff.next();
            status.set(LinkState.BACKOFF, "next attempt in " + delay.toMillis() + " ms");
            int since = outages.failed(why, System.nanoTime());
            if (since == 0) {
                LOG.warn("Upstream unavailable ({}); retrying in {} ms", why, delay.toMillis());
            } else if (since > 0) {
                LOG.warn("Upstream unavailable ({}); retrying in {} ms ({} more failed attempts since the last "
                        + "report)", why, delay.toMillis(), since);
            } else {
                LOG.debug("Upstream unavailable ({}); retrying in {} ms", why, delay.toMillis());
            }
            long deadline = System.nanoTime() + delay.toNanos();
            while (running && System.nanoTime() < deadline) {
                long nextTick = tick.getAsLong();
                await(Math.min(deadline - System.nanoTime(), nextTick));
            }
        }
        status.set(LinkState.IDLE, "stopped");
    }

    /** Drives one connection until it fails; returns why. */
    private String serve(UpstreamClient client, AttemptListener listener) throws UpstreamException {
        UpstreamConnection c = new UpstreamConnection(context, client, this::wake, backoff, probe, acknowledged);
        connection = c;
        listener.connection = c;
        // Subscriptions wait for their SUBACK on another thread: the drain starts at once and never waits for them.
        PendingSubscription subscribing = subscribe(() -> subscribeDownlinks(client));
        while (running) {
            CloudTopicMapping p = policy.get();
            if (p == null) {
                return "topic policy service went away";
            }
            while (c.fill(p)) {
                // read and sent a batch; go on while the window has room
            }
            String fault = c.fault();
            if (fault != null) {
                return fault;
            }
            long now = System.nanoTime();
            if (c.ackOverdue(now)) {
                stats.ackTimeout();
                return "no acknowledgement within " + settings.ackTimeout().toSeconds() + " s";
            }
            if (subscribing != null) {
                String subscribeFault = subscribing.fault(now, stats);
                if (subscribeFault != null) {
                    return subscribeFault;
                }
                if (subscribing.isDone()) {
                    subscribing = null;
                }
            }
            if (subscribing == null && perDevice && devices.hasPending()) {
                subscribing = subscribe(() -> subscribeDevices(client));
            }
            long wait = Math.min(drainWaitNanos(c.nanosUntilOverdue(now)), tick.getAsLong());
            if (subscribing != null) {
                wait = Math.min(wait, subscribing.nanosUntilOverdue(now) + 1);
            }
            if (!client.isConnected()) {
                wait = Math.min(wait, LOSS_CHECK_NANOS); // going down; its reason may not be reported yet
            }
            await(wait);
        }
        return "stopped";
    }

    private PendingSubscription subscribe(PendingSubscription.Step step) {
        return PendingSubscription.start(subscriber, settings.ackTimeout(), step, this::wake);
    }

    /**
     * How long the connected sender sleeps when it has nothing to send: until the oldest unacknowledged uplink
     * becomes overdue (just past it), at most {@link #IDLE_DRAIN_WAIT_NANOS}. With nothing in flight the time
     * until overdue is {@code Long.MAX_VALUE}; adding to it must not overflow into a zero wait (a busy spin).
     */
    static long drainWaitNanos(long nanosUntilOverdue) {
        if (nanosUntilOverdue >= IDLE_DRAIN_WAIT_NANOS) {
            return IDLE_DRAIN_WAIT_NANOS;
        }
        return Math.max(nanosUntilOverdue, 0) + 1;
    }

    private void dropIfPoison(Set<Long> inflightAtRefusal) {
        Long culprit = probe.refused(buffer, inflightAtRefusal);
        if (culprit != null && buffer.remove(culprit)) {
            stats.dropped(DropReason.UPSTREAM_REJECTED, 1);
            LOG.warn("The upstream refused uplink #{} twice by disconnecting; dropped it so the rest can flow",
                    culprit);
        }
    }

    private void subscribeDownlinks(UpstreamClient client) throws UpstreamException {
        if (!settings.downlinksEnabled()) {
            return;
        }
        devices.resubscribeAll();
        if (!perDevice) {
            String filter = policy.get().cloudDownlinkFilter(secret);
            int code = client.subscribe(List.of(filter), 1).get(0);
            if (code < 0x80) {
                return;
            }
            perDevice = true;
            LOG.warn("The upstream refused the downlink filter {} (reason 0x{}); subscribing per device instead",
                    TopicMask.mask(filter), Integer.toHexString(code));
        }
        subscribeDevices(client);
    }

    private void subscribeDevices(UpstreamClient client) throws UpstreamException {
        CloudTopicMapping p = policy.get();
        List<String> ids;
        while (p != null && !(ids = devices.takePending(SUBSCRIBE_BATCH)).isEmpty()) {
            List<String> filters = new ArrayList<>(ids.size());
            for (String id : ids) {
                filters.add(p.cloudDownlinkFilter(id, secret));
            }
            try {
                List<Integer> codes = client.subscribe(filters, 1);
                int granted = 0;
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i) >= 0x80) {
                        LOG.warn("The upstream refused the downlink filter {} (reason 0x{})",
                                TopicMask.mask(filters.get(i)), Integer.toHexString(codes.get(i)));
                    } else {
                        granted++;
                    }
                }
                devices.granted(granted);
            } catch (UpstreamException e) {
                devices.retry(ids);
                throw e;
            }
        }
    }

    private void await(long nanos) {
        if (nanos <= 0) {
            return;
        }
        lock.lock();
        try {
            if (!signalled && running) {
                wakeup.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Callbacks of one connection attempt: a late loss report of an old client cannot end a newer connection. */
    private final class AttemptListener implements UpstreamListener {
        private volatile UpstreamConnection connection;

        @Override
        public void connectionLost(String reason, int serverReasonCode) {
            UpstreamConnection c = connection;
            if (c != null) {
                c.serverFault("connection lost: " + reason, serverReasonCode);
            }
        }

        @Override
        public void messageArrived(String topic, byte[] payload, int qos, MessageProperties properties) {
            relay.relay(topic, payload, qos, properties);
        }
    }

    /** Stops the thread and drops the connection; unacknowledged records stay in the buffer. */
    public void stop() {
        running = false;
        wake();
        UpstreamClient c = currentClient;
        if (c != null) {
            // Aborts a connect in progress instead of waiting for its timeout.
            c.close();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriber.shutdownNow();
    }
}
