package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the coordinator makes of the node table: lost nodes noticed once, resolved when back, stopped or replaced. */
class NodeWatchTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static NodeRecord node(String name, Duration silentFor, Instant stoppedAt) {
        return new NodeRecord(name, "1.0", NOW.minus(Duration.ofHours(1)), NOW.minus(silentFor), stoppedAt);
    }

    private static List<NodeWatch.Action> actions(Set<String> noticed, NodeRecord... nodes) {
        return NodeWatch.actions(new ClusterView(NOW, Optional.empty(), List.of(nodes)), "n1", noticed);
    }

    @Test
    void aSilentNodeIsNoticedOnceAndNeverTheCoordinatorItself() {
        NodeRecord lost = node("n2", Duration.ofSeconds(11), null);
        assertThat(actions(Set.of(), node("n1", Duration.ofMinutes(5), null), lost, node("n3", Duration.ofSeconds(1), null)))
                .containsExactly(new NodeWatch.Lost("n2", lost.heartbeatAt()));
        assertThat(actions(Set.of("n2"), lost)).isEmpty();
    }

    @Test
    void aNoticeResolvesWhenTheNodeIsBackStoppedOrGone() {
        assertThat(actions(Set.of("n2"), node("n2", Duration.ofSeconds(1), null)))
                .containsExactly(new NodeWatch.Back("n2", "is back"));
        assertThat(actions(Set.of("n2"), node("n2", Duration.ofSeconds(30), NOW.minusSeconds(5))))
                .containsExactly(new NodeWatch.Back("n2", "stopped cleanly"));
        assertThat(actions(Set.of("n2"))).containsExactly(new NodeWatch.Back("n2", "left the cluster"));
    }

    @Test
    void aProcessRestartedOnTheSameHostReplacesItsPredecessorWithoutANotice() {
        NodeRecord old = node("web-7-4711", Duration.ofSeconds(40), null);
        NodeRecord fresh = new NodeRecord("web-7-5120", "1.0", NOW.minusSeconds(20), NOW, null);
        assertThat(actions(Set.of(), old, fresh)).isEmpty();
        assertThat(actions(Set.of("web-7-4711"), old, fresh))
                .containsExactly(new NodeWatch.Back("web-7-4711", "was replaced by web-7-5120"));
        NodeRecord otherHost = new NodeRecord("web-8-5120", "1.0", NOW.minusSeconds(20), NOW, null);
        assertThat(actions(Set.of(), old, otherHost)).containsExactly(new NodeWatch.Lost("web-7-4711", old.heartbeatAt()));
    }

    @Test
    void nodesSilentOrStoppedForADayAreForgotten() {
        assertThat(actions(Set.of(), node("n2", Duration.ofHours(25), NOW.minusSeconds(90_000))))
                .containsExactly(new NodeWatch.Forget("n2"));
        assertThat(actions(Set.of("n2"), node("n2", Duration.ofHours(25), null))).containsExactly(
                new NodeWatch.Back("n2", "was forgotten after 24 h without a heartbeat"), new NodeWatch.Forget("n2"));
    }

    @Test
    void theCoordinatorJudgesOnlyAfterReadingTheTableWithoutAGapForTenSeconds() {
        NodeWatch.Gate gate = new NodeWatch.Gate(Duration.ofSeconds(5));
        assertThat(gate.read(NOW)).as("just took over").isFalse();
        assertThat(gate.read(NOW.plusSeconds(5))).isFalse();
        assertThat(gate.read(NOW.plusSeconds(10))).isTrue();
        assertThat(gate.read(NOW.plusSeconds(15))).isTrue();
        // The database was away for a minute: every heartbeat is old, so wait for fresh ones.
        assertThat(gate.read(NOW.plusSeconds(75))).isFalse();
        assertThat(gate.read(NOW.plusSeconds(80))).isFalse();
        assertThat(gate.read(NOW.plusSeconds(85))).isTrue();
    }
}
