package io.varde.check.probe;

import io.varde.core.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The threads all probers share, created once and shut down together by {@link #close()}.
 * <ul>
 *   <li>{@code worker}: runs the HTTP client's internal tasks and probe completions. Small,
 *       because nothing on it waits on the network.</li>
 *   <li>{@code lookups}: blocking {@link InetAddress} look-ups, kept off the scheduler and worker
 *       threads. A queued look-up whose probe has already finished (timed out) is skipped, so a
 *       slow resolver cannot make the queue grow without bound.</li>
 *   <li>{@code timer}: one thread that only hands expired deadlines over to the worker pool, so a
 *       slow completion callback cannot delay other probes' timeouts.</li>
 *   <li>{@code channels}: the NIO group for asynchronous TCP connects.</li>
 * </ul>
 * All threads are daemons: a forgotten {@code close()} does not keep the JVM alive.
 */
final class ProbeExecutors implements AutoCloseable {

    private static final int LOOKUP_THREADS = 8;

    private final ExecutorService worker;
    private final ExecutorService lookups;
    private final ScheduledThreadPoolExecutor timer;
    private final AsynchronousChannelGroup channels;

    ProbeExecutors() {
        int workers = Math.max(4, Runtime.getRuntime().availableProcessors());
        worker = Executors.newFixedThreadPool(workers, Threads.daemon("varde-probe-worker"));
        lookups = Executors.newFixedThreadPool(LOOKUP_THREADS, Threads.daemon("varde-probe-lookup"));
        timer = new ScheduledThreadPoolExecutor(1, Threads.daemon("varde-probe-timer"));
        timer.setRemoveOnCancelPolicy(true);
        try {
            channels = AsynchronousChannelGroup.withFixedThreadPool(1, Threads.daemon("varde-probe-nio"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the NIO channel group", e);
        }
    }

    /** The pool for non-blocking work: HTTP client internals and completions. */
    Executor worker() {
        return worker;
    }

    AsynchronousChannelGroup channels() {
        return channels;
    }

    /**
     * Resolves {@code host} on a lookup thread. The look-up is skipped (the returned future is
     * cancelled) when {@code abandoned} says true by the time a thread is free.
     */
    CompletableFuture<InetAddress> resolve(String host, BooleanSupplier abandoned) {
        return blocking(() -> {
            if (host == null || host.isBlank()) {
                throw new UnknownHostException("no host name");
            }
            return InetAddress.getByName(host);
        }, abandoned);
    }

    /** Runs a blocking {@code task} on a lookup thread unless {@code abandoned} by then. */
    <T> CompletableFuture<T> blocking(Callable<T> task, BooleanSupplier abandoned) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            lookups.execute(() -> {
                if (abandoned.getAsBoolean()) {
                    result.cancel(false);
                    return;
                }
                try {
                    result.complete(task.call());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("prober is closed", e));
        }
        return result;
    }

    /**
     * Runs {@code task} on the worker pool after {@code delay}; cancel the returned future when
     * the deadline is no longer needed.
     */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return timer.schedule(() -> worker.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops every thread at once; probes still in flight are abandoned. */
    @Override
    public void close() {
        timer.shutdownNow();
        lookups.shutdownNow();
        worker.shutdownNow();
        try {
            channels.shutdownNow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the NIO channel group", e);
        }
    }
}
