package io.varde.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs due checks within a global concurrency cap and a per-host cap, so that the bot stays
 * polite to the sites it watches. {@link #submit} never blocks: a check that cannot start yet
 * waits in a queue of its host and starts when a running check finishes. Hosts with waiting
 * checks take turns, so one crowded host cannot starve the others.
 *
 * <p>Every finished check is judged ({@link Checker}) and handed to {@code results}, then
 * {@code finished} is told the target is free again. Exceptions there are caught and given to
 * {@code onError}; a permit is never lost.
 */
public final class CheckDispatcher {

    private final Prober prober;
    private final int maxConcurrent;
    private final int maxPerHost;
    private final Clock clock;
    private final Consumer<CheckResult> results;
    private final Consumer<Target> finished;
    private final Consumer<Throwable> onError;

    private final Object lock = new Object();
    private final Map<String, Integer> runningByHost = new HashMap<>();
    private final Map<String, ArrayDeque<Target>> waitingByHost = new HashMap<>();
    private final ArrayDeque<String> waitingHosts = new ArrayDeque<>();
    private final ArrayDeque<Target> toLaunch = new ArrayDeque<>();
    private int running;
    private int waiting;
    private boolean launching;

    public CheckDispatcher(Prober prober, int maxConcurrent, int maxPerHost, Clock clock,
                           Consumer<CheckResult> results, Consumer<Target> finished,
                           Consumer<Throwable> onError) {
        this.prober = prober;
        this.maxConcurrent = maxConcurrent;
        this.maxPerHost = maxPerHost;
        this.clock = clock;
        this.results = results;
        this.finished = finished;
        this.onError = onError;
    }

    /** Starts a check of {@code target} now if the caps allow, or queues it. */
    public void submit(Target target) {
        synchronized (lock) {
            if (hasRoom(target.host())) {
                reserve(target);
            } else {
                waitingByHost.computeIfAbsent(target.host(), h -> new ArrayDeque<>()).add(target);
                if (waitingByHost.get(target.host()).size() == 1) {
                    waitingHosts.add(target.host());
                }
                waiting++;
                return;
            }
        }
        launchQueued();
    }

    /** Checks running now. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Checks waiting for a free slot. */
    public int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    private boolean hasRoom(String host) {
        return running < maxConcurrent && runningByHost.getOrDefault(host, 0) < maxPerHost;
    }

    /** Takes the slots for {@code target} and queues it for launch (lock held). */
    private void reserve(Target target) {
        running++;
        runningByHost.merge(target.host(), 1, Integer::sum);
        toLaunch.add(target);
    }

    /**
     * Launches reserved checks. One thread launches at a time and others just add to the queue,
     * so a probe that completes synchronously cannot recurse through release and launch.
     */
    private void launchQueued() {
        synchronized (lock) {
            if (launching) {
                return;
            }
            launching = true;
        }
        while (true) {
            Target next;
            synchronized (lock) {
                next = toLaunch.poll();
                if (next == null) {
                    launching = false;
                    return;
                }
            }
            launch(next);
        }
    }

    private void launch(Target target) {
        Instant started = clock.instant();
        try {
            prober.probe(target).whenComplete((obs, ex) -> complete(target, started, obs, ex));
        } catch (RuntimeException ex) {
            complete(target, started, null, ex);
        }
    }

    private void complete(Target target, Instant started, Observation obs, Throwable ex) {
        try {
            Observation o = obs;
            if (o == null) {
                onError.accept(ex);
                o = Observation.failed(started, Duration.between(started, clock.instant()),
                        new ProbeError(ProbeError.Reason.OTHER, "internal error: " + ex));
            }
            results.accept(Checker.judge(target, o));
        } catch (RuntimeException e) {
            onError.accept(e);
        } finally {
            try {
                finished.accept(target);
            } catch (RuntimeException e) {
                onError.accept(e);
            }
            release(target.host());
        }
    }

    private void release(String host) {
        synchronized (lock) {
            running--;
            if (runningByHost.merge(host, -1, Integer::sum) == 0) {
                runningByHost.remove(host);
            }
            for (Target next = pollWaiting(); next != null; next = pollWaiting()) {
                reserve(next);
            }
        }
        launchQueued();
    }

    /** The next waiting check whose host has room, taking hosts in turn (lock held). */
    private Target pollWaiting() {
        for (int i = waitingHosts.size(); i > 0 && running < maxConcurrent; i--) {
            String host = waitingHosts.poll();
            ArrayDeque<Target> queue = waitingByHost.get(host);
            if (runningByHost.getOrDefault(host, 0) >= maxPerHost) {
                waitingHosts.add(host);
                continue;
            }
            Target t = queue.poll();
            waiting--;
            if (queue.isEmpty()) {
                waitingByHost.remove(host);
            } else {
                waitingHosts.add(host);
            }
            return t;
        }
        return null;
    }
}
