package io.varde.check.probe;

import io.varde.check.Observation;
import io.varde.check.ProbeError;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The bookkeeping of one probe that all probers share: when it started, the address it
 * resolved, the future handed to the caller, and the deadline that completes it.
 * <p>
 * The probe settles exactly once, by whichever comes first: the exchange or the deadline.
 * Everything later (a late answer, a failure caused by our own cancellation) is ignored.
 * The caller's future is then completed on the worker pool, so the caller's continuations never
 * run on (and never hold up) the NIO, timer or look-up threads, nor a JDK-internal thread.
 * Settling cancels the deadline.
 */
final class Attempt {

    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Observation> result = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final Executor worker;
    private volatile InetAddress address;

    Attempt(Executor worker) {
        this.worker = worker;
    }

    CompletableFuture<Observation> result() {
        return result;
    }

    /** True once the probe has settled; its result may still be on its way to the caller. */
    boolean isDone() {
        return settled.get();
    }

    Instant startedAt() {
        return startedAt;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void address(InetAddress resolved) {
        this.address = resolved;
    }

    InetAddress address() {
        return address;
    }

    /** The resolved address as text, or null when the host has not been resolved (yet). */
    String ip() {
        InetAddress a = address;
        return a == null ? null : a.getHostAddress();
    }

    /**
     * Arms the deadline: after {@code timeout} the result completes with {@code onTimeout}'s
     * observation and then {@code abort} runs to release what the exchange holds.
     */
    void arm(ProbeExecutors executors, Duration timeout, Supplier<Observation> onTimeout,
             Runnable abort) {
        ScheduledFuture<?> deadline;
        try {
            deadline = executors.schedule(timeout, () -> {
                if (finish(onTimeout.get())) {
                    abort.run();
                }
            });
        } catch (RejectedExecutionException e) {
            fail(new ProbeError(ProbeError.Reason.OTHER, "prober is closed"));
            return;
        }
        result.whenComplete((observation, error) -> deadline.cancel(false));
    }

    /** Settles with {@code observation} unless already settled; true if this call did it. */
    boolean finish(Observation observation) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        try {
            worker.execute(() -> result.complete(observation));
        } catch (RejectedExecutionException e) {
            result.complete(observation);
        }
        return true;
    }

    /** Completes with a failure that saw nothing but, perhaps, the resolved address. */
    boolean fail(ProbeError error) {
        return finish(new Observation(startedAt, elapsed(), error, null, null, null, false, ip(),
                null));
    }
}
