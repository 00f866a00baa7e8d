package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.Outcome;
import io.varde.detect.TargetTracker.FlapChange;
import io.varde.detect.TargetTracker.Step;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step-by-step walks of the per-target state machine: O = ok, S = slow, F = failed check. */
class TargetTrackerTest {

    static Stream<Arguments> walks() {
        return Stream.of(
                walk("first good check is UP", 3, 2, "O", "UP"),
                walk("three failures make DOWN", 3, 2, "O F F F", "UP UP UP DOWN"),
                walk("failing from the start", 3, 2, "F F F", "UNKNOWN UNKNOWN DOWN"),
                walk("interrupted failures do not", 3, 2, "O F F O F F", "UP UP UP UP UP UP"),
                walk("two good checks recover", 3, 2, "F F F O O", "UNKNOWN UNKNOWN DOWN DOWN UP"),
                walk("one good check is not enough", 3, 2, "F F F O F O",
                        "UNKNOWN UNKNOWN DOWN DOWN DOWN DOWN"),
                walk("slow checks degrade", 3, 2, "O S S S", "UP UP UP DEGRADED"),
                walk("slow and failed mixed degrade", 3, 2, "O F S F", "UP UP UP DEGRADED"),
                walk("degraded goes down on failures", 3, 2, "O S S S F F F",
                        "UP UP UP DEGRADED DEGRADED DEGRADED DOWN"),
                walk("down answers slowly: degraded", 3, 2, "F F F S S",
                        "UNKNOWN UNKNOWN DOWN DOWN DEGRADED"),
                walk("degraded recovers", 3, 2, "O S S S O O",
                        "UP UP UP DEGRADED DEGRADED UP"),
                walk("thresholds of one", 1, 1, "O F O S", "UP DOWN UP DEGRADED"),
                walk("higher success threshold", 2, 3, "F F O O O", "UNKNOWN DOWN DOWN DOWN UP"));
    }

    private static Arguments walk(String name, int failure, int success, String results,
                                  String states) {
        return Arguments.of(name, failure, success, results, states);
    }

    @ParameterizedTest(name = "{0}: {3} -> {4}")
    @MethodSource("walks")
    void walksThroughStates(String name, int failure, int success, String results, String states) {
        DetectionSettings d = TestTargets.thresholds(failure, success);
        TargetStatus s = TargetStatus.unknown();
        List<String> seen = new ArrayList<>();
        Instant t = T0;
        for (String r : results.split(" ")) {
            s = TargetTracker.observe(s, d, TestTargets.result(r.charAt(0), "x", t), t).status();
            seen.add(s.state().name());
            t = t.plusSeconds(30);
        }
        assertThat(String.join(" ", seen)).isEqualTo(states);
    }

    @Test
    void sinceMarksTheLastChange() {
        DetectionSettings d = TestTargets.thresholds(2, 2);
        TargetStatus s = TargetStatus.unknown();
        s = TargetTracker.observe(s, d, TestTargets.ok("x", T0, 100), T0).status();
        Instant t1 = T0.plusSeconds(30);
        Instant t2 = T0.plusSeconds(60);
        s = TargetTracker.observe(s, d, TestTargets.fail("x", t1), t1).status();
        assertThat(s.since()).isEqualTo(T0);
        s = TargetTracker.observe(s, d, TestTargets.fail("x", t2), t2).status();
        assertThat(s.state()).isEqualTo(TargetState.DOWN);
        assertThat(s.since()).isEqualTo(t2);
    }

    @Test
    void aCheckFarAboveTheBaselineIsSlow() {
        DetectionSettings d = TestTargets.thresholds(3, 2); // factor 4, floor 500ms
        TargetStatus s = TargetStatus.unknown();
        Instant t = T0;
        for (int i = 0; i < LatencyBaseline.MIN_SAMPLES; i++) {
            s = TargetTracker.observe(s, d, TestTargets.ok("x", t, 150), t).status();
            t = t.plusSeconds(30);
        }
        Step near = TargetTracker.observe(s, d, TestTargets.ok("x", t, 550), t);
        assertThat(near.result().outcome()).as("550ms is under 4 x 150ms").isEqualTo(Outcome.OK);
        Step far = TargetTracker.observe(s, d, TestTargets.ok("x", t, 700), t);
        assertThat(far.result().outcome()).as("700ms is over 4 x 150ms").isEqualTo(Outcome.SLOW);

        for (int i = 0; i < 3; i++) {
            s = TargetTracker.observe(s, d, TestTargets.ok("x", t, 900), t).status();
            t = t.plusSeconds(30);
        }
        assertThat(s.state()).isEqualTo(TargetState.DEGRADED);
        assertThat(s.baseline().median()).as("slow checks do not move the baseline").isEqualTo(150);
    }

    @Test
    void theFloorKeepsFastSitesFromLookingDegraded() {
        DetectionSettings d = TestTargets.thresholds(3, 2);
        TargetStatus s = TargetStatus.unknown();
        for (int i = 0; i < LatencyBaseline.MIN_SAMPLES; i++) {
            s = TargetTracker.observe(s, d, TestTargets.ok("x", T0, 10), T0).status();
        }
        Step step = TargetTracker.observe(s, d, TestTargets.ok("x", T0, 300), T0);
        assertThat(step.result().outcome()).as("30 x baseline but under the 500ms floor")
                .isEqualTo(Outcome.OK);
    }

    @Test
    void noBaselineBeforeEnoughSamples() {
        DetectionSettings d = TestTargets.thresholds(3, 2);
        TargetStatus s = TargetStatus.unknown();
        for (int i = 0; i < LatencyBaseline.MIN_SAMPLES - 1; i++) {
            s = TargetTracker.observe(s, d, TestTargets.ok("x", T0, 100), T0).status();
        }
        Step step = TargetTracker.observe(s, d, TestTargets.ok("x", T0, 5000), T0);
        assertThat(step.result().outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void flappingStartsAtTheThresholdAndStopsWhenTheWindowCalmsDown() {
        DetectionSettings d = new DetectionSettings(1, 1, 0, Duration.ZERO, 4, Duration.ofMinutes(15));
        TargetStatus s = TargetStatus.unknown();
        List<FlapChange> flaps = new ArrayList<>();
        String results = "O F O F O"; // UP, then four changes at minutes 1..4
        for (int m = 0; m < results.length(); m += 2) {
            Instant t = T0.plus(Duration.ofMinutes(m / 2));
            Step step = TargetTracker.observe(s, d, TestTargets.result(results.charAt(m), "x", t), t);
            s = step.status();
            flaps.add(step.flap());
        }
        assertThat(flaps).containsExactly(FlapChange.NONE, FlapChange.NONE, FlapChange.NONE,
                FlapChange.NONE, FlapChange.STARTED);
        assertThat(s.flapping()).isTrue();

        for (int m = 5; m <= 17; m++) {
            Instant t = T0.plus(Duration.ofMinutes(m));
            Step step = TargetTracker.observe(s, d, TestTargets.ok("x", t, 100), t);
            s = step.status();
            assertThat(step.flap()).as("minute %d: two changes still in the window", m)
                    .isEqualTo(FlapChange.NONE);
        }
        Instant t = T0.plus(Duration.ofMinutes(18));
        Step step = TargetTracker.observe(s, d, TestTargets.ok("x", t, 100), t);
        assertThat(step.flap()).isEqualTo(FlapChange.STOPPED);
        assertThat(step.status().state()).isEqualTo(TargetState.UP);
    }

    @Test
    void flapDetectionCanBeTurnedOff() {
        DetectionSettings d = new DetectionSettings(1, 1, 0, Duration.ZERO, 0, Duration.ofMinutes(15));
        TargetStatus s = TargetStatus.unknown();
        for (int i = 0; i < 20; i++) {
            Instant t = T0.plusSeconds(i);
            s = TargetTracker.observe(s, d, TestTargets.result(i % 2 == 0 ? 'O' : 'F', "x", t), t)
                    .status();
        }
        assertThat(s.flapping()).isFalse();
    }
}
