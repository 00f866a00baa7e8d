package io.varde.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.HttpSpec;
import io.varde.check.Observation;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real Quartz scheduler fires shard jobs that dispatch due checks, and the sweep job. */
class CheckSchedulerTest {

    private static Target everySecond(String id) {
        return TestTargets.target(id, HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)),
                Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    @Test
    void shardJobsDispatchEveryTargetRepeatedlyWithoutWaitingOnProbes() throws Exception {
        List<Target> targets = List.of(everySecond("a"), everySecond("b"), everySecond("c"));
        Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
        Map<String, String> threads = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(targets.size() * 3);
        Prober prober = t -> {
            probes.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            threads.put(t.id(), Thread.currentThread().getName());
            enough.countDown();
            // complete later, on another thread, as a real asynchronous probe would
            return CompletableFuture.supplyAsync(() -> new Observation(java.time.Instant.now(),
                    Duration.ofMillis(1), null, 200, null, null, true, null, null),
                    CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        };
        Clock clock = Clock.systemUTC();
        CheckPlanner planner = new CheckPlanner(targets, 2, clock.instant(), new Random(1));
        CheckDispatcher dispatcher = new CheckDispatcher(prober, 10, 10, clock, r -> { },
                t -> planner.done(t.id()), e -> { });
        AtomicInteger sweeps = new AtomicInteger();
        try (CheckScheduler s = new CheckScheduler("test-" + System.nanoTime(), planner,
                dispatcher, sweeps::incrementAndGet, clock)) {
            s.start();
            assertThat(enough.await(20, TimeUnit.SECONDS)).as("three rounds of checks").isTrue();
        }
        assertThat(probes.keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(threads.values()).allSatisfy(name -> assertThat(name).contains("Worker"));
        assertThat(sweeps.get()).isPositive();
    }

    @Test
    void theIntelJobGivesThePollerTheTimeFromTheStartOnASchedulerThread() throws Exception {
        Clock clock = Clock.systemUTC();
        CheckPlanner planner = new CheckPlanner(List.of(), 1, clock.instant(), new Random(1));
        CheckDispatcher dispatcher = new CheckDispatcher(t -> new CompletableFuture<>(), 1, 1, clock, r -> { },
                t -> { }, e -> { });
        List<Instant> polls = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch polled = new CountDownLatch(1);
        Instant before = clock.instant();
        try (CheckScheduler s = new CheckScheduler("test-" + System.nanoTime(), planner, dispatcher, () -> { },
                now -> {
                    polls.add(now);
                    threads.add(Thread.currentThread().getName());
                    polled.countDown();
                }, clock)) {
            s.start();
            assertThat(polled.await(20, TimeUnit.SECONDS)).as("a first poll at start").isTrue();
        }
        assertThat(polls.get(0)).isAfterOrEqualTo(before);
        assertThat(threads).allSatisfy(name -> assertThat(name).contains("Worker"));
    }
}
