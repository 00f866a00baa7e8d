package io.varde.check;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckPlannerTest {

    private final List<Target> targets = IntStream.range(0, 200)
            .mapToObj(i -> TestTargets.http("site-" + i)).toList(); // 30s interval

    private List<Target> dueEverywhere(CheckPlanner p, Instant now) {
        List<Target> due = new ArrayList<>();
        for (int s = 0; s < p.shardCount(); s++) {
            due.addAll(p.takeDue(s, now));
        }
        return due;
    }

    @Test
    void everyTargetLivesInExactlyOneShard() {
        CheckPlanner p = new CheckPlanner(targets, 16, T0, new Random(1));
        Set<String> seen = new HashSet<>();
        for (Target t : dueEverywhere(p, T0.plusSeconds(30))) {
            assertThat(seen.add(t.id())).as("%s due twice", t.id()).isTrue();
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void firstChecksAreSpreadOverTheInterval() {
        CheckPlanner p = new CheckPlanner(targets, 4, T0, new Random(7));
        int firstHalf = dueEverywhere(p, T0.plusSeconds(15)).size();
        int secondHalf = dueEverywhere(p, T0.plusSeconds(30)).size();
        assertThat(firstHalf + secondHalf).isEqualTo(200);
        assertThat(firstHalf).as("about half start in the first half").isBetween(70, 130);
    }

    @Test
    void aTargetIsDueOncePerInterval() {
        CheckPlanner p = new CheckPlanner(List.of(TestTargets.http("a")), 1, T0, new Random(3));
        assertThat(p.takeDue(0, T0.plusSeconds(30))).hasSize(1);
        p.done("a");
        assertThat(p.takeDue(0, T0.plusSeconds(31))).isEmpty();
        assertThat(p.takeDue(0, T0.plusSeconds(60))).hasSize(1);
    }

    @Test
    void aStillRunningCheckSkipsItsTurn() {
        CheckPlanner p = new CheckPlanner(List.of(TestTargets.http("a")), 1, T0, new Random(3));
        assertThat(p.takeDue(0, T0.plusSeconds(30))).hasSize(1);
        assertThat(p.takeDue(0, T0.plusSeconds(60))).as("previous check not done").isEmpty();
        assertThat(p.skipped()).isEqualTo(1);
        p.done("a");
        assertThat(p.takeDue(0, T0.plusSeconds(90))).hasSize(1);
    }

    @Test
    void fallingBehindDoesNotBurst() {
        CheckPlanner p = new CheckPlanner(List.of(TestTargets.http("a")), 1, T0, new Random(3));
        Instant late = T0.plus(Duration.ofMinutes(10));
        assertThat(p.takeDue(0, late)).hasSize(1);
        p.done("a");
        assertThat(p.takeDue(0, late.plusSeconds(1))).as("no catch-up burst").isEmpty();
        assertThat(p.takeDue(0, late.plusSeconds(30))).hasSize(1);
    }

    @Test
    void aShardListsItsTargetsAndATakenOverShardIsSpreadOverOneIntervalNotDueAtOnce() {
        CheckPlanner p = new CheckPlanner(targets, 4, T0, new Random(5));
        List<Target> ofOne = p.targetsOf(1);
        assertThat(ofOne).isNotEmpty().allSatisfy(t -> assertThat(p.shardOf(t.id())).isEqualTo(1));
        assertThat(IntStream.range(0, 4).map(s -> p.targetsOf(s).size()).sum()).isEqualTo(targets.size());

        // Taken over an hour later: every due time here is stale, and all would be due at once.
        Instant later = T0.plus(Duration.ofHours(1));
        p.respread(1, later, new Random(9));
        assertThat(p.takeDue(1, later.plusSeconds(1)).size()).as("due in the first second of 30")
                .isLessThan(ofOne.size() / 4);
        assertThat(p.takeDue(1, later.plusSeconds(15)).size()).as("half an interval").isBetween(ofOne.size() / 4,
                ofOne.size() * 3 / 4);
        List<Target> rest = p.takeDue(1, later.plusSeconds(30));
        assertThat(p.takeDue(1, later.plusSeconds(30))).isEmpty();
        assertThat(rest).isNotEmpty();
    }
}
