// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.broker.internal.routing.SubscriptionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The persistent-session quota is checked and reserved in one step of the registry. */
class SessionQuotaTest {

    private static final SessionOwner NOOP = new SessionOwner() {
        @Override
        public void drainLater() {
        }

        @Override
        public void takenOver() {
        }
    };

    private static SessionRegistry.Attached attach(SessionRegistry r, String id, SessionRegistry.SessionQuota q) {
        return r.attach(id, false, NOOP, DeviceIdentity.anonymous(id), q);
    }

    @Test
    void anAllowedAttachCountsAtOnceWithoutWaitingForTheCaller() {
        SessionRegistry r = new SessionRegistry(new SubscriptionTree());
        SessionRegistry.SessionQuota quota = new SessionRegistry.SessionQuota(2, 100, 600);
        assertEquals(600, attach(r, "a", quota).session().expirySeconds());
        attach(r, "b", quota);
        assertSame(SessionRegistry.Refusal.QUOTA_EXCEEDED, attach(r, "c", quota).refusal());
        assertEquals(2, r.persistentCount());
    }

    @Test
    void concurrentAttachesNeverExceedTheLimit() throws Exception {
        SessionRegistry r = new SessionRegistry(new SubscriptionTree());
        SessionRegistry.SessionQuota quota = new SessionRegistry.SessionQuota(5, 100, 600);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (!attach(r, "c-" + thread + "-" + i, quota).refused()) {
                        accepted.incrementAndGet();
                    }
                }
            });
            worker.start();
            threads.add(worker);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(5, accepted.get());
        assertEquals(5, r.persistentCount());
    }
}
