package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Target;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator skips detection events of other nodes that are older than, or repeat, what it applied. */
class EventOrderTest {

    private final Target site = TestTargets.http("borger-dk");
    private final Target other = TestTargets.http("skat-dk");
    private final EventOrder order = new EventOrder();

    private DetectionEvent change(Target t, TargetState from, TargetState to, int second) {
        return new DetectionEvent.StateChanged(T0.plusSeconds(second), t, from, to, null, null);
    }

    @Test
    void aChangeIsAppliedOnceAndAnOlderOneArrivingLateIsSkipped() {
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 10))).isTrue();
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 12)))
                .as("the shard's new owner announcing the same outage").isFalse();
        assertThat(order.admit(change(site, TargetState.DOWN, TargetState.UP, 40))).isTrue();
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 30)))
                .as("the old owner's outage, buffered while the database was away, after the recovery").isFalse();
        assertThat(order.admit(change(other, TargetState.UP, TargetState.DOWN, 30))).as("another target").isTrue();
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 50))).isTrue();
    }

    @Test
    void itStartsFromTheStoredStatesSoAnEventAppliedBeforeAFailoverIsNotAppliedAgain() {
        order.know(site.id(), TargetState.DOWN, T0.plusSeconds(10));
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 10))).isFalse();
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 5))).isFalse();
        assertThat(order.admit(change(site, TargetState.DOWN, TargetState.UP, 20))).isTrue();
    }

    @Test
    void flappingKeepsItsOrderAndConnectivityEventsAlwaysPass() {
        Instant at = T0.plusSeconds(60);
        assertThat(order.admit(new DetectionEvent.FlappingStarted(at, site, TargetState.DOWN, 4,
                Duration.ofMinutes(15)))).isTrue();
        assertThat(order.admit(change(site, TargetState.UP, TargetState.DOWN, 30))).as("older than the flapping")
                .isFalse();
        assertThat(order.admit(new DetectionEvent.FlappingStopped(at.plusSeconds(60), site, TargetState.UP))).isTrue();
        assertThat(order.admit(change(site, TargetState.DOWN, TargetState.UP, 121))).as("settled UP already")
                .isFalse();
        DetectionEvent lost = new DetectionEvent.ConnectivityLost(T0, List.of());
        assertThat(order.admit(lost)).isTrue();
        assertThat(order.admit(lost)).isTrue();
    }

    @Test
    void theLastAppliedChangeIsWhatAStaleQueuedEventDoesNotOverride() {
        assertThat(order.last(site.id())).isEmpty();
        order.know(site.id(), TargetState.UP, T0.plusSeconds(40));
        order.admit(change(site, TargetState.UP, TargetState.DOWN, 30)); // queued before the recovery
        assertThat(order.last(site.id())).contains(new EventOrder.Applied(TargetState.UP, T0.plusSeconds(40)));
        order.admit(change(site, TargetState.UP, TargetState.DOWN, 50));
        assertThat(order.last(site.id())).contains(new EventOrder.Applied(TargetState.DOWN, T0.plusSeconds(50)));
    }
}
