package io.varde.check;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CheckDispatcherTest {

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final List<CheckResult> results = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    /** A prober whose probes complete only when the test says so. */
    private static final class ManualProber implements Prober {
        final List<String> started = new ArrayList<>();
        final Map<String, CompletableFuture<Observation>> pending = new java.util.HashMap<>();

        @Override
        public CompletableFuture<Observation> probe(Target target) {
            started.add(target.id());
            CompletableFuture<Observation> f = new CompletableFuture<>();
            pending.put(target.id(), f);
            return f;
        }

        void complete(String id) {
            pending.remove(id).complete(new Observation(T0, Duration.ofMillis(5), null, 200, null,
                    null, true, null, null));
        }
    }

    private static Target onHost(String id, String host) {
        return TestTargets.target(id, HttpSpec.get(URI.create("http://" + host + "/" + id)),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private CheckDispatcher dispatcher(Prober p, int max, int perHost) {
        return new CheckDispatcher(p, max, perHost, clock, results::add,
                t -> finished.add(t.id()), errors::add);
    }

    @Test
    void respectsTheGlobalAndPerHostCaps() {
        ManualProber p = new ManualProber();
        CheckDispatcher d = dispatcher(p, 3, 2);
        for (String id : List.of("a1", "a2", "a3", "a4")) {
            d.submit(onHost(id, "a.example"));
        }
        d.submit(onHost("b1", "b.example"));
        d.submit(onHost("b2", "b.example"));

        assertThat(p.started).containsExactly("a1", "a2", "b1");
        assertThat(d.running()).isEqualTo(3);
        assertThat(d.waiting()).isEqualTo(3);

        p.complete("b1");
        assertThat(p.started).as("b's slot goes to b2; a is at its cap").endsWith("b2");
        p.complete("a1");
        assertThat(p.started).endsWith("a3");
        assertThat(results).extracting(CheckResult::targetId).containsExactly("b1", "a1");
        assertThat(finished).containsExactly("b1", "a1");
    }

    @Test
    void waitingHostsTakeTurns() {
        ManualProber p = new ManualProber();
        CheckDispatcher d = dispatcher(p, 1, 10);
        d.submit(onHost("a1", "a.example"));
        d.submit(onHost("a2", "a.example"));
        d.submit(onHost("a3", "a.example"));
        d.submit(onHost("b1", "b.example"));
        p.complete("a1");
        p.complete("a2");
        p.complete("b1");
        assertThat(p.started).containsExactly("a1", "a2", "b1", "a3");
    }

    @Test
    void submitNeverWaitsForTheNetwork() {
        ManualProber p = new ManualProber();
        CheckDispatcher d = dispatcher(p, 2, 2);
        for (int i = 0; i < 1000; i++) {
            d.submit(onHost("s" + i, "h" + (i % 7)));
        }
        assertThat(d.running()).isEqualTo(2);
        assertThat(d.waiting()).isEqualTo(998);
        assertThat(results).isEmpty();
    }

    @Test
    void aProberThatThrowsGivesAFailedResultAndFreesItsSlot() {
        Prober broken = t -> {
            throw new IllegalStateException("boom");
        };
        CheckDispatcher d = dispatcher(broken, 1, 1);
        d.submit(TestTargets.http("x"));
        d.submit(TestTargets.http("y"));
        assertThat(results).extracting(CheckResult::outcome)
                .containsExactly(Outcome.FAIL, Outcome.FAIL);
        assertThat(results.get(0).error().reason()).isEqualTo(ProbeError.Reason.OTHER);
        assertThat(errors).hasSize(2);
        assertThat(d.running()).isZero();
    }

    @Test
    void aLongQueueOfProbesThatCompleteAtOnceDoesNotRecurse() {
        ManualProber first = new ManualProber();
        Prober p = t -> t.id().equals("first") ? first.probe(t) : CompletableFuture.completedFuture(
                new Observation(T0, Duration.ZERO, null, 200, null, null, true, null, null));
        CheckDispatcher d = dispatcher(p, 1, 1);
        d.submit(TestTargets.http("first"));
        for (int i = 0; i < 50_000; i++) {
            d.submit(TestTargets.http("t" + i));
        }
        assertThat(d.waiting()).isEqualTo(50_000);
        first.complete("first");
        assertThat(results).hasSize(50_001);
        assertThat(errors).isEmpty();
        assertThat(d.running()).isZero();
    }
}
