package io.varde.detect;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Target;
import io.varde.testing.TestTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a checking node writes for the others to read: changes within 5 s, the rest every 30 s, nothing more. */
class SharedStatesTest {

    private final Target site = TestTargets.http("borger-dk", TestTargets.thresholds(1, 1), false);
    private final Target other = TestTargets.http("skat-dk", TestTargets.thresholds(1, 1), false);
    private final Monitor monitor = new Monitor(List.of(site, other));
    private final List<List<String>> batches = new ArrayList<>();
    private final ReportStore store = new ReportStore() {
        @Override
        public void publish(String node, List<TargetReport> reports, Instant at) {
            batches.add(reports.stream().map(r -> r.target().id() + "=" + r.state()).toList());
        }

        @Override
        public Map<String, StoredReport> all() {
            return Map.of();
        }
    };
    private final CheckHistory noHistory = new CheckHistory() {
        @Override
        public void record(List<io.varde.check.CheckResult> results) {
        }

        @Override
        public List<Sample> samples(String targetId, Instant since) {
            return List.of();
        }

        @Override
        public Map<String, Uptime> uptime(Instant since) {
            throw new AssertionError("publishing must not read the history");
        }

        @Override
        public void prune(Instant rawBefore, Instant hourlyBefore) {
        }
    };
    /** The targets this node checks now (its shards'). */
    private final java.util.Set<String> mine = new java.util.HashSet<>(List.of("borger-dk", "skat-dk"));
    private final SharedStates shared = new SharedStates(new StatusBoard(List.of(site, other), monitor, noHistory),
            store, "n1", mine::contains);

    private int publishAt(Duration after) {
        return shared.publishIfDue(T0.plus(after));
    }

    @Test
    void everyTargetFirstThenChangesWithinAPassAndTheRestWhenStale() {
        assertThat(publishAt(Duration.ZERO)).isEqualTo(2);
        assertThat(publishAt(Duration.ofSeconds(1))).as("not a pass yet").isZero();
        assertThat(publishAt(Duration.ofSeconds(5))).as("nothing changed").isZero();

        monitor.onResult(TestTargets.result('F', site.id(), T0.plusSeconds(6)), T0.plusSeconds(6));
        assertThat(publishAt(Duration.ofSeconds(6))).as("a pass is 5 s after the last").isZero();
        assertThat(publishAt(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(batches.get(1)).containsExactly("borger-dk=DOWN");

        assertThat(publishAt(Duration.ofSeconds(30))).as("skat-dk unchanged for 30 s").isEqualTo(1);
        assertThat(batches.get(2)).containsExactly("skat-dk=UNKNOWN");
        assertThat(publishAt(Duration.ofSeconds(40))).isEqualTo(1);
        assertThat(batches.get(3)).containsExactly("borger-dk=DOWN");
    }

    @Test
    void onlyTheTargetsOfTheNodesShardsArePublishedAndOneComingBackIsPublishedAtOnce() {
        mine.remove("skat-dk");
        assertThat(publishAt(Duration.ZERO)).isEqualTo(1);
        assertThat(batches.get(0)).containsExactly("borger-dk=UNKNOWN");
        assertThat(publishAt(Duration.ofSeconds(30))).as("skat-dk is another node's").isEqualTo(1);
        assertThat(batches.get(1)).containsExactly("borger-dk=UNKNOWN");

        mine.add("skat-dk");
        mine.remove("borger-dk");
        assertThat(publishAt(Duration.ofSeconds(35))).as("skat-dk's shard came here: published in the next pass")
                .isEqualTo(1);
        assertThat(batches.get(2)).containsExactly("skat-dk=UNKNOWN");
        mine.add("borger-dk");
        assertThat(publishAt(Duration.ofSeconds(40))).as("borger-dk back after a while away: published afresh")
                .isEqualTo(1);
        assertThat(batches.get(3)).containsExactly("borger-dk=UNKNOWN");
    }
}
