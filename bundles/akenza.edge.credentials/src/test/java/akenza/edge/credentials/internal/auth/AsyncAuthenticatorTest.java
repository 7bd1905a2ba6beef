// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.RefusalReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Work runs off the caller's thread, the queue is bounded, and the stage never completes exceptionally. */
class AsyncAuthenticatorTest {

    private static final AuthResult OK = AuthResult.accepted(DeviceIdentity.jwt("dev", null));

    @Test
    void runsOnAWorkerThread() throws Exception {
        try (AsyncAuthenticator async = new AsyncAuthenticator(1, 4)) {
            AtomicReference<Thread> ran = new AtomicReference<>();
            AuthResult result = async.submit(() -> {
                ran.set(Thread.currentThread());
                return OK;
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(OK, result);
            assertNotEquals(Thread.currentThread(), ran.get());
        }
    }

    @Test
    void saturationAnswersUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (AsyncAuthenticator async = new AsyncAuthenticator(1, 2)) {
            List<CompletableFuture<AuthResult>> futures = new ArrayList<>();
            futures.add(async.submit(() -> {
                started.countDown();
                block(release);
                return OK;
            }).toCompletableFuture());
            started.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < 2; i++) {
                futures.add(async.submit(() -> OK).toCompletableFuture());
            }
            AuthResult overflow = async.submit(() -> OK).toCompletableFuture().getNow(null);
            AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class, overflow);
            assertEquals(RefusalReason.UNAVAILABLE, refused.reason());
            assertEquals(1, async.rejected());
            release.countDown();
            for (CompletableFuture<AuthResult> f : futures) {
                assertEquals(OK, f.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void exceptionsBecomeUnavailable() throws Exception {
        try (AsyncAuthenticator async = new AsyncAuthenticator(1, 2)) {
            AuthResult result = async.submit(() -> {
                throw new IllegalStateException("boom");
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(RefusalReason.UNAVAILABLE, assertInstanceOf(AuthResult.Refused.class, result).reason());
        }
    }

    @Test
    void closingAnswersQueuedRequests() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AsyncAuthenticator async = new AsyncAuthenticator(1, 4);
        CompletableFuture<AuthResult> running = async.submit(() -> {
            started.countDown();
            block(new CountDownLatch(1)); // never released: close() interrupts it
            return OK;
        }).toCompletableFuture();
        started.await(10, TimeUnit.SECONDS);
        CompletableFuture<AuthResult> queued = async.submit(() -> OK).toCompletableFuture();
        async.close();
        assertEquals(RefusalReason.UNAVAILABLE,
                assertInstanceOf(AuthResult.Refused.class, queued.get(10, TimeUnit.SECONDS)).reason());
        await().atMost(Duration.ofSeconds(10)).until(running::isDone);
        assertEquals(RefusalReason.UNAVAILABLE, assertInstanceOf(AuthResult.Refused.class,
                async.submit(() -> OK).toCompletableFuture().get(10, TimeUnit.SECONDS)).reason());
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
