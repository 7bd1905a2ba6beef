// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.auth;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.RefusalReason;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs authentication work off the caller's thread (the broker calls from a Netty event loop) on a small
 * pool with a bounded queue. When the queue is full the answer is {@link RefusalReason#UNAVAILABLE}; the
 * returned stage never completes exceptionally.
 */
public final class AsyncAuthenticator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAuthenticator.class);

    private final ThreadPoolExecutor executor;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param threads worker threads (1 or 2 on a gateway)
     * @param queueSize the most requests waiting
     */
    public AsyncAuthenticator(int threads, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                r -> {
                    Thread t = new Thread(r, "akenza-credentials-auth-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * @param work the decision; exceptions become {@link RefusalReason#UNAVAILABLE}
     * @return its result, completed on a worker thread
     */
    public CompletionStage<AuthResult> submit(Supplier<AuthResult> work) {
        Task task = new Task(work);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            task.refuse("busy");
        }
        return task.result;
    }

    /** One queued decision; refused rather than lost when the pool shuts down. */
    private static final class Task implements Runnable {
        final CompletableFuture<AuthResult> result = new CompletableFuture<>();
        final Supplier<AuthResult> work;

        Task(Supplier<AuthResult> work) {
            this.work = work;
        }

        @Override
        public void run() {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                LOG.warn("Authentication failed internally: {}", e.getClass().getName());
                refuse("internal error");
            } catch (Error e) {
                refuse("internal error");
                throw e;
            }
        }

        void refuse(String detail) {
            result.complete(AuthResult.refused(RefusalReason.UNAVAILABLE, detail));
        }
    }

    /** @return requests refused because the queue was full or the pool shut down */
    public long rejected() {
        return rejected.sum();
    }

    /** @return requests waiting */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Stops the workers; queued requests are answered {@link RefusalReason#UNAVAILABLE}. */
    @Override
    public void close() {
        for (Runnable r : executor.shutdownNow()) {
            if (r instanceof Task task) {
                rejected.increment();
                task.refuse("shutting down");
            }
        }
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
