// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.uplink.internal.client.UpstreamException;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A subscription in progress on the subscriber thread, so a slow SUBACK never holds up the drain: a fault when
 * it fails or its SUBACK is overdue.
 */
final class PendingSubscription {

    /** The blocking part of a subscription, run on the subscriber thread. */
    interface Step {
        void run() throws UpstreamException;
    }

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Duration ackTimeout;
    private final long deadline;

    private PendingSubscription(Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
        this.deadline = System.nanoTime() + ackTimeout.toNanos();
    }

    /**
     * Runs a step on the subscriber thread.
     *
     * @param subscriber the subscriber thread
     * @param ackTimeout how long the step may take
     * @param step what to run
     * @param wake told when the step ended (wakes the sender)
     * @return the subscription in progress
     */
    static PendingSubscription start(Executor subscriber, Duration ackTimeout, Step step, Runnable wake) {
        PendingSubscription s = new PendingSubscription(ackTimeout);
        try {
            subscriber.execute(() -> {
                try {
                    step.run();
                    s.done.complete(null);
                } catch (UpstreamException | RuntimeException e) {
                    s.done.completeExceptionally(e);
                }
                wake.run();
            });
        } catch (RejectedExecutionException e) {
            s.done.completeExceptionally(new UpstreamException("stopped"));
        }
        return s;
    }

    /** @return whether the step ended, well or not */
    boolean isDone() {
        return done.isDone();
    }

    /**
     * @param now {@link System#nanoTime()}
     * @return how long until its SUBACK is overdue, at least 0
     */
    long nanosUntilOverdue(long now) {
        return Math.max(deadline - now, 0);
    }

    /**
     * @param now {@link System#nanoTime()}
     * @param stats counts an overdue SUBACK
     * @return why the connection is faulty, or {@code null}
     */
    String fault(long now, ForwarderStats stats) {
        if (done.isCompletedExceptionally()) {
            try {
                done.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return "downlink subscription failed: " + cause.getMessage();
            }
        }
        if (!done.isDone() && now - deadline > 0) {
            stats.ackTimeout();
            return "no SUBACK within " + ackTimeout.toSeconds() + " s";
        }
        return null;
    }
}
