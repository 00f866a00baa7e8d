package io.varde.check;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A probe agent's new assignment replaces the planner's targets; those that stay keep their turn. */
class CheckPlannerReplaceTest {

    private static List<String> due(CheckPlanner p, Instant now) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < p.shardCount(); s++) {
            p.takeDue(s, now).forEach(t -> out.add(t.id()));
        }
        return out;
    }

    /** The second after which {@code id} is first due, from T0 (checked second by second). */
    private static long firstDueSecond(CheckPlanner p, String id) {
        for (long s = 0; s <= 60; s++) {
            if (due(p, T0.plusSeconds(s)).contains(id)) {
                return s;
            }
        }
        throw new AssertionError(id + " never due");
    }

    @Test
    void aTargetThatStaysKeepsItsDueTimeAndANewOneIsSpreadOverItsInterval() {
        CheckPlanner before = new CheckPlanner(List.of(TestTargets.http("a")), 4, T0, new Random(5));
        long aDue = firstDueSecond(before, "a");

        CheckPlanner p = new CheckPlanner(List.of(TestTargets.http("a")), 4, T0, new Random(5));
        p.replace(List.of(TestTargets.http("a"), TestTargets.http("b")), T0, new Random(9));

        List<String> seen = new ArrayList<>();
        for (long s = 0; s <= 30; s++) {
            List<String> now = due(p, T0.plusSeconds(s));
            if (now.contains("a")) {
                assertThat(s).as("a keeps its turn").isEqualTo(aDue);
            }
            seen.addAll(now);
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aRemovedTargetIsNoLongerCheckedAndAChangedOneIsCheckedAsNowGiven() {
        Target old = TestTargets.http("a");
        CheckPlanner p = new CheckPlanner(List.of(old, TestTargets.http("gone")), 2, T0, new Random(1));
        Target moved = TestTargets.target("a", HttpSpec.get(URI.create("http://127.0.0.1:9/moved")),
                Duration.ofSeconds(30), Duration.ofSeconds(5));

        p.replace(List.of(moved), T0, new Random(2));

        List<Target> checked = new ArrayList<>();
        for (int s = 0; s < p.shardCount(); s++) {
            checked.addAll(p.takeDue(s, T0.plusSeconds(30)));
        }
        assertThat(checked).containsExactly(moved);
    }

    @Test
    void aShorterIntervalTakesEffectAtOnceAndARunningCheckStillSkipsItsTurn() {
        CheckPlanner p = new CheckPlanner(List.of(TestTargets.http("a")), 1, T0, new Random(3));
        assertThat(p.takeDue(0, T0.plusSeconds(30))).hasSize(1); // running now; next due at about T0+60s

        Target fast = TestTargets.target("a", HttpSpec.get(URI.create("http://127.0.0.1:9/a")),
                Duration.ofSeconds(5), Duration.ofSeconds(1));
        p.replace(List.of(fast), T0.plusSeconds(31), new Random(4));

        assertThat(p.takeDue(0, T0.plusSeconds(36))).as("still running: skipped").isEmpty();
        assertThat(p.skipped()).isEqualTo(1);
        p.done("a");
        assertThat(p.takeDue(0, T0.plusSeconds(41))).containsExactly(fast);
    }
}
