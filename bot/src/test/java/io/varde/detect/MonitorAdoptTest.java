package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node taking over a target from another (its check shard moved): what it announces, walked
 * check by check on a simulated clock. Stored checks are what the previous owner wrote.
 */
class MonitorAdoptTest {

    /** Failure threshold 3, success threshold 2. */
    private static final DetectionSettings THREE = TestTargets.thresholds(3, 2);
    private final Target site = TestTargets.http("borger-dk", THREE, false);
    private final Target canary = TestTargets.http("canary-a", THREE, true);

    private Instant now = T0;
    private final List<DetectionEvent> events = new ArrayList<>();

    /** Stored checks, one letter each (O ok, S slow, F fail), ten seconds apart, ending now. */
    private List<CheckHistory.Sample> stored(String results) {
        String letters = results.replace(" ", "");
        List<CheckHistory.Sample> out = new ArrayList<>();
        Instant at = now.minusSeconds(10L * letters.length());
        for (char c : letters.toCharArray()) {
            at = at.plusSeconds(10);
            out.add(switch (c) {
                case 'O' -> new CheckHistory.Sample(at, Outcome.OK, 100);
                case 'S' -> new CheckHistory.Sample(at, Outcome.SLOW, 2500);
                case 'F' -> new CheckHistory.Sample(at, Outcome.FAIL, 3);
                default -> throw new IllegalArgumentException("unknown result letter " + c);
            });
        }
        return out;
    }

    /** Fresh results on this node, one letter per check, ten seconds apart. */
    private void feed(Monitor m, Target t, String results) {
        for (char c : results.replace(" ", "").toCharArray()) {
            now = now.plusSeconds(10);
            events.addAll(m.onResult(TestTargets.result(c, t.id(), now), now));
        }
    }

    private List<DetectionEvent> adopt(Monitor m, Target t, TargetState announced, Instant since,
                                       String stored) {
        List<DetectionEvent> out = m.adopt(t.id(), announced, since, stored(stored), now);
        events.addAll(out);
        return out;
    }

    private List<String> announced() {
        return Announced.of(events);
    }

    @Test
    void anOutageInProgressIsNotAnnouncedAgainAndItsRecoveryIsOnce() {
        Monitor m = new Monitor(List.of(site));
        Instant announcedAt = now.minusSeconds(300);
        assertThat(adopt(m, site, TargetState.DOWN, announcedAt, "F F F F F F")).isEmpty();
        feed(m, site, "F F F F");
        assertThat(announced()).isEmpty();
        assertThat(m.status(site.id()).orElseThrow().state()).isEqualTo(TargetState.DOWN);

        feed(m, site, "O O O");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
        assertThat(((StateChanged) events.get(0)).lasted())
                .as("the outage lasted since the previous owner announced it")
                .isEqualTo(Duration.ofSeconds(300 + 60));
    }

    @Test
    void failuresThePreviousOwnerSawCountTowardsTheThreshold() {
        Monitor m = new Monitor(List.of(site));
        assertThat(adopt(m, site, TargetState.UP, now.minusSeconds(3600), "O O O F F")).isEmpty();
        assertThat(m.status(site.id()).orElseThrow().failStreak()).isEqualTo(2);
        feed(m, site, "F");
        assertThat(announced()).as("the third failure in a row, not three more")
                .containsExactly("borger-dk UP->DOWN");
    }

    @Test
    void aRecoveryWhileTheShardMovedIsAnnouncedOnceByTheNewOwner() {
        Monitor m = new Monitor(List.of(site));
        Instant announcedAt = now.minusSeconds(600);
        List<DetectionEvent> out = adopt(m, site, TargetState.DOWN, announcedAt, "F F O O");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
        StateChanged recovery = (StateChanged) out.get(0);
        assertThat(recovery.at()).isEqualTo(now);
        assertThat(recovery.lasted()).isEqualTo(Duration.ofSeconds(600));
        assertThat(recovery.cause().outcome()).isEqualTo(Outcome.OK);

        feed(m, site, "O O O");
        assertThat(announced()).as("not announced again").hasSize(1);
    }

    @Test
    void oneStoredGoodCheckAfterAnAnnouncedOutageIsNotYetARecovery() {
        Monitor m = new Monitor(List.of(site));
        // e.g. the window of stored checks starts just before the last one
        assertThat(adopt(m, site, TargetState.DOWN, now.minusSeconds(600), "O"))
                .as("success threshold 2, one good check stored").isEmpty();
        feed(m, site, "O");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
    }

    @Test
    void aFirstUpIsNotNews() {
        Monitor m = new Monitor(List.of(site));
        assertThat(adopt(m, site, TargetState.UNKNOWN, null, "O O O")).isEmpty();
        assertThat(adopt(m, site, null, null, "O O O")).as("null means nothing announced").isEmpty();
        assertThat(m.status(site.id()).orElseThrow().state()).isEqualTo(TargetState.UP);
        feed(m, site, "F F F");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN");
    }

    @Test
    void withoutStoredChecksTheAnnouncedStateIsWhereJudgingContinues() {
        Monitor m = new Monitor(List.of(site));
        assertThat(adopt(m, site, TargetState.DOWN, now.minusSeconds(600), "")).isEmpty();
        feed(m, site, "O");
        assertThat(announced()).as("success threshold 2").isEmpty();
        feed(m, site, "F F F F");
        assertThat(announced()).as("still down: nothing new").isEmpty();
        feed(m, site, "O O");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
    }

    @Test
    void withoutStoredChecksAnAnnouncedUpStaysQuietUntilTheThreshold() {
        Monitor m = new Monitor(List.of(site));
        assertThat(adopt(m, site, TargetState.UP, now.minusSeconds(600), "")).isEmpty();
        feed(m, site, "O F F");
        assertThat(announced()).isEmpty();
        feed(m, site, "F");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN");
    }

    @Test
    void aRebuiltFlappingIsSilentAndItsSettlingIsAnnounced() {
        Target flappy = TestTargets.http("flappy",
                new DetectionSettings(1, 1, 0, Duration.ZERO, 4, Duration.ofMinutes(2)), false);
        Monitor m = new Monitor(List.of(flappy));
        assertThat(adopt(m, flappy, TargetState.UP, now.minusSeconds(120), "O F O F O F O F"))
                .as("flapping, and DOWN though UP was announced: neither is announced")
                .isEmpty();
        assertThat(m.status(flappy.id()).orElseThrow().flapping()).isTrue();

        feed(m, flappy, "O F");
        assertThat(announced()).as("still flapping").isEmpty();
        feed(m, flappy, "F F F F F F F F F F F F F F");
        assertThat(announced()).containsExactly("flappy settled DOWN");
        events.clear();
        feed(m, flappy, "O");
        assertThat(announced()).containsExactly("flappy DOWN->UP");
    }

    @Test
    void canariesAndUnknownTargetsAreIgnored() {
        Monitor m = new Monitor(List.of(site, canary));
        feed(m, canary, "O");
        assertThat(adopt(m, canary, TargetState.DOWN, now, "F F F F")).isEmpty();
        assertThat(m.status(canary.id()).orElseThrow().state()).isEqualTo(TargetState.UP);
        assertThat(m.status(canary.id()).orElseThrow().failStreak()).isZero();

        assertThat(m.adopt("not-monitored", TargetState.DOWN, now, stored("F F F"), now)).isEmpty();
        assertThat(m.status("not-monitored")).isEmpty();
    }

    @Test
    void adoptingAgainReplacesWhatAnEarlierOwnershipLeft() {
        Monitor m = new Monitor(List.of(site));
        // this node owned the shard once and announced an outage ...
        feed(m, site, "O F F F");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN");
        events.clear();
        // ... then the shard moved away, the site recovered, and the incident was closed
        // (nothing stored for the target any more) before the shard came back
        now = now.plusSeconds(1800);
        assertThat(adopt(m, site, TargetState.UNKNOWN, null, "O O O"))
                .as("the stale DOWN is no longer what users last heard").isEmpty();
        assertThat(m.status(site.id()).orElseThrow().failStreak()).isZero();
        feed(m, site, "O F F");
        assertThat(announced()).as("the old failure streak is gone").isEmpty();
        feed(m, site, "F");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN");
    }

    @Test
    void aStaleOutageStreakDoesNotLeakIntoTheNewOwnership() {
        Monitor m = new Monitor(List.of(site));
        feed(m, site, "O O F F");
        now = now.plusSeconds(1800);
        assertThat(adopt(m, site, TargetState.UP, now.minusSeconds(1000), ""))
                .as("no stored checks (the site was not checked for a while)").isEmpty();
        feed(m, site, "F");
        assertThat(announced()).as("one failure, not the third in a row").isEmpty();
    }

    @Test
    void checksFromBeforeTheAnnouncementAreNotReplayedOverIt() {
        Monitor m = new Monitor(List.of(site));
        // The previous owner's later checks were not stored yet (lost with it, or waiting out a
        // database outage): the good checks before the outage must not undo the announced DOWN.
        assertThat(adopt(m, site, TargetState.DOWN, now.minusSeconds(25), "O O O O F F")).isEmpty();
        assertThat(m.status(site.id()).orElseThrow().state()).isEqualTo(TargetState.DOWN);
        assertThat(adopt(m, site, TargetState.DOWN, now.minusSeconds(5), "O O O O O")).isEmpty();
        assertThat(m.status(site.id()).orElseThrow().state()).isEqualTo(TargetState.DOWN);
        feed(m, site, "F F");
        assertThat(announced()).isEmpty();
    }
}
