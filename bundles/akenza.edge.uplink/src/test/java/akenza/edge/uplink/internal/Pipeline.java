// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Offers many uplinks the way the broker does: a bounded number of offers outstanding (the broker stops
 * reading a connection while its stages are pending), so the sink's bounded queue is never overrun.
 */
final class Pipeline {

    static final int OUTSTANDING = 1000;

    private Pipeline() {
    }

    /** Offers {@code count} uplinks and returns when all are committed; fails on the first refusal. */
    static void offer(UplinkSink sink, int count, IntFunction<Uplink> uplinks) throws Exception {
        Semaphore permits = new Semaphore(OUTSTANDING);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("offers did not complete");
            }
            CompletableFuture<Void> f = sink.offer(uplinks.apply(i)).toCompletableFuture();
            f.whenComplete((v, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(OUTSTANDING, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("offers did not complete");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an offer failed", failure.get());
        }
    }
}
