package io.varde.web;

import io.varde.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The port behind {@code /readyz}: named checks (database reachable, scheduler running, notifiers
 * healthy), each a {@link Supplier} of a {@link Result}. {@link #run()} runs them in parallel and
 * answers within the timeout whatever they do: a check that throws is failed with the
 * exception's message, one that has not answered in time is failed as too slow. A check still
 * running from an earlier call is not started again (it is failed as still running), so a hung
 * database holds at most one thread per check, however often a load balancer asks.
 */
public final class Readiness {

    /** The default time a check has to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What one check says: ok or not, and a short detail for humans (no secrets). */
    public record Result(boolean ok, String detail) {

        public Result {
            detail = detail == null ? "" : detail;
        }

        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    /** @param name short, e.g. {@code database}; {@code probe} may block, but should answer in the timeout */
    public record Check(String name, Supplier<Result> probe) {

        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(probe, "probe");
        }
    }

    /** One check's answer in a run. */
    public record Outcome(String name, boolean ok, String detail) {
    }

    private final List<Check> checks;
    private final Duration timeout;
    private final ExecutorService pool;
    private final Map<String, Future<Result>> running = new ConcurrentHashMap<>();

    public Readiness(List<Check> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.pool = Executors.newCachedThreadPool(Threads.daemon("varde-ready"));
    }

    /** Runs every check, in parallel; returns within about the timeout, in the checks' order. */
    public List<Outcome> run() {
        List<Future<Result>> futures = new ArrayList<>();
        List<Boolean> stillRunning = new ArrayList<>();
        for (Check c : checks) {
            Future<Result> previous = running.get(c.name());
            boolean busy = previous != null && !previous.isDone();
            stillRunning.add(busy);
            Future<Result> f = busy ? previous : pool.submit(() -> c.probe().get());
            running.put(c.name(), f);
            futures.add(f);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String name = checks.get(i).name();
            if (stillRunning.get(i)) {
                out.add(new Outcome(name, false, "the previous check has not answered yet"));
            } else {
                out.add(outcome(name, futures.get(i), deadline));
            }
        }
        return out;
    }

    private Outcome outcome(String name, Future<Result> f, long deadline) {
        try {
            Result r = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return r == null ? new Outcome(name, false, "no answer")
                    : new Outcome(name, r.ok(), r.detail());
        } catch (TimeoutException e) {
            return new Outcome(name, false, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(name, false, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(name, false, "interrupted");
        }
    }
}
