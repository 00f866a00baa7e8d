package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.Target;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the monitor announces, walked check by check on a simulated clock. */
class MonitorTest {

    private static final DetectionSettings FAST = TestTargets.thresholds(2, 2);
    private final Target site = TestTargets.http("borger-dk", FAST, false);
    private final Target other = TestTargets.http("trm-dk", FAST, false);
    private final Target canaryA = TestTargets.http("canary-a", FAST, true);
    private final Target canaryB = TestTargets.http("canary-b", FAST, true);

    private Instant now = T0;
    private final List<DetectionEvent> events = new ArrayList<>();

    /** Feeds results, one letter per check (O ok, S slow, F fail), ten seconds apart. */
    private void feed(Monitor m, Target t, String results) {
        for (char c : results.replace(" ", "").toCharArray()) {
            now = now.plusSeconds(10);
            events.addAll(m.onResult(TestTargets.result(c, t.id(), now), now));
        }
    }

    private List<String> announced() {
        return Announced.of(events);
    }

    @Test
    void announcesAnOutageOnceAndItsRecovery() {
        Monitor m = new Monitor(List.of(site));
        feed(m, site, "O O F F F F O O O");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN", "borger-dk DOWN->UP");
        StateChanged recovery = (StateChanged) events.get(1);
        assertThat(recovery.lasted()).isEqualTo(Duration.ofSeconds(40));
        assertThat(recovery.cause().outcome()).isEqualTo(io.varde.check.Outcome.OK);
    }

    @Test
    void afterARestartARecoveryMeanwhileIsAnnouncedAndAnOngoingOutageIsNot() {
        Monitor m = new Monitor(List.of(site, other));
        m.restore("borger-dk", TargetState.DOWN, T0.minusSeconds(600));
        m.restore("trm-dk", TargetState.DOWN, T0.minusSeconds(600));
        feed(m, site, "O O");
        feed(m, other, "F F F");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
        assertThat(((StateChanged) events.get(0)).lasted()).isEqualTo(Duration.ofSeconds(610));
    }

    @Test
    void aConnectivityLossAnnouncedBeforeARestartEndsWithTheFirstPassingCanary() {
        Monitor m = new Monitor(List.of(site, canaryA, canaryB));
        m.restoreConnectivityLost(T0.minusSeconds(60));
        feed(m, canaryA, "O");
        assertThat(announced()).containsExactly("connectivity restored, recheck 0");
    }

    @Test
    void aFirstUpIsNotNewsButAFirstDownIs() {
        Monitor m = new Monitor(List.of(site, other));
        feed(m, site, "O O");
        feed(m, other, "F F");
        assertThat(announced()).containsExactly("trm-dk UNKNOWN->DOWN");
        assertThat(((StateChanged) events.get(0)).lasted()).isNull();
    }

    @Test
    void degradedIsAnnouncedAndThenDown() {
        Monitor m = new Monitor(List.of(site));
        feed(m, site, "O S S F F O O");
        assertThat(announced()).containsExactly("borger-dk UP->DEGRADED", "borger-dk DEGRADED->DOWN",
                "borger-dk DOWN->UP");
    }

    @Test
    void aFlappingTargetIsReportedOnceAndItsSettledStateLater() {
        Target flappy = TestTargets.http("flappy",
                new DetectionSettings(1, 1, 0, Duration.ZERO, 4, Duration.ofMinutes(2)), false);
        Monitor m = new Monitor(List.of(flappy));
        feed(m, flappy, "O F O F O F O F");
        assertThat(announced()).containsExactly("flappy UP->DOWN", "flappy DOWN->UP",
                "flappy UP->DOWN", "flappy flapping UP");
        events.clear();
        feed(m, flappy, "F F F F F F F F F F F F F F");
        assertThat(announced()).containsExactly("flappy settled DOWN");
        events.clear();
        feed(m, flappy, "O");
        assertThat(announced()).as("after settling, changes are news again")
                .containsExactly("flappy DOWN->UP");
    }

    @Test
    void whenEveryCanaryIsDownOneConnectivityAlertReplacesTheTargetAlerts() {
        Monitor m = new Monitor(List.of(canaryA, canaryB, site, other));
        feed(m, canaryA, "O");
        feed(m, canaryB, "O");
        feed(m, site, "O");
        feed(m, other, "O");
        feed(m, canaryA, "F F");
        feed(m, canaryB, "F F");
        feed(m, site, "F F F");
        feed(m, other, "F F F");
        assertThat(announced()).containsExactly("connectivity lost");
        assertThat(m.connectivityLost()).isTrue();
        ConnectivityLost lost = (ConnectivityLost) events.get(0);
        assertThat(lost.canaries()).extracting(DetectionEvent.CanaryFailure::reason)
                .containsOnly("connect: connection refused");

        events.clear();
        feed(m, canaryA, "O O");
        assertThat(announced()).containsExactly("connectivity restored, recheck 2");
        assertThat(m.status("borger-dk").orElseThrow().state()).isEqualTo(TargetState.UP);

        events.clear();
        feed(m, site, "O O");
        feed(m, other, "F F");
        assertThat(announced()).as("the healthy site stays quiet, the broken one alerts afresh")
                .containsExactly("trm-dk UP->DOWN");
    }

    @Test
    void aRecoveryDuringAnOutageOfOurOwnIsStillReported() {
        Monitor m = new Monitor(List.of(canaryA, site));
        feed(m, canaryA, "O");
        feed(m, site, "F F");
        assertThat(announced()).containsExactly("borger-dk UNKNOWN->DOWN");
        feed(m, canaryA, "F F");
        feed(m, canaryA, "O O");
        events.clear();
        feed(m, site, "O O");
        assertThat(announced()).containsExactly("borger-dk DOWN->UP");
    }

    @Test
    void oneCanaryDownIsNotAConnectivityLoss() {
        Monitor m = new Monitor(List.of(canaryA, canaryB, site));
        feed(m, canaryA, "F F");
        feed(m, canaryB, "O");
        feed(m, site, "F F");
        assertThat(announced()).containsExactly("borger-dk UNKNOWN->DOWN");
        assertThat(m.connectivityLost()).isFalse();
    }

    @Test
    void aProblemSeenWhileCanariesAreFailingWaitsForTheirVerdictThenIsHeld() {
        Monitor m = new Monitor(List.of(canaryA, site));
        feed(m, canaryA, "O");
        feed(m, site, "O");
        feed(m, canaryA, "F");
        feed(m, site, "F F");
        assertThat(announced()).as("deferred: the canary is failing too").isEmpty();
        feed(m, canaryA, "F");
        assertThat(announced()).containsExactly("connectivity lost");
    }

    @Test
    void aDeferredProblemIsAnnouncedWhenACanaryPasses() {
        Monitor m = new Monitor(List.of(canaryA, site));
        feed(m, canaryA, "F");
        feed(m, site, "O F F");
        assertThat(announced()).isEmpty();
        feed(m, canaryA, "O");
        assertThat(announced()).containsExactly("borger-dk UP->DOWN");
    }

    @Test
    void aDeferredProblemIsAnnouncedWhenTheCanariesTakeTooLong() {
        Monitor m = new Monitor(List.of(canaryA, site));
        feed(m, canaryA, "F");
        feed(m, site, "O F F");
        assertThat(m.tick(now.plusSeconds(10))).isEmpty();
        // canary: 30s interval x 2 failures + 5s timeout = 65s after the problem was seen
        List<DetectionEvent> late = m.tick(now.plusSeconds(65));
        assertThat(late).hasSize(1);
        assertThat(((StateChanged) late.get(0)).to()).isEqualTo(TargetState.DOWN);
    }

    @Test
    void aCheckThatStartedDuringTheOutageDoesNotCountAfterIt() {
        Monitor m = new Monitor(List.of(canaryA, site));
        feed(m, canaryA, "O");
        feed(m, site, "O");
        feed(m, canaryA, "F F");
        Instant startedDuringOutage = now.plusSeconds(1);
        feed(m, canaryA, "O O");
        events.clear();
        now = now.plusSeconds(10);
        m.onResult(TestTargets.fail("borger-dk", startedDuringOutage), now);
        feed(m, site, "F");
        assertThat(announced()).as("only one failure counts, threshold is two").isEmpty();
        assertThat(m.status("borger-dk").orElseThrow().failStreak()).isEqualTo(1);
    }

    @Test
    void withoutCanariesNothingIsDeferred() {
        Monitor m = new Monitor(List.of(site));
        feed(m, site, "F F");
        assertThat(announced()).containsExactly("borger-dk UNKNOWN->DOWN");
    }
}
