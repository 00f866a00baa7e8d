package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code varde ctl cluster} prints: the coordinator, then each node with its state and, in a cluster, its shards. */
class ClusterTextTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final Lease LEASE = new Lease("n2", 3, NOW.minusSeconds(600), NOW.plusSeconds(8));

    private static NodeRecord node(String name, int heartbeatAgo) {
        return new NodeRecord(name, "1.2.0", NOW.minusSeconds(3_600), NOW.minusSeconds(heartbeatAgo), null);
    }

    @Test
    void inAClusterEachNodeLineListsTheShardsItChecks() {
        ClusterView view = new ClusterView(NOW, Optional.of(LEASE), List.of(node("n1", 1), node("n2", 0),
                node("n3", 40)), true, Map.of("n1", List.of(0, 2, 5), "n2", List.of(7)));

        List<String> lines = ClusterText.lines(view);

        assertThat(lines.get(0)).isEqualTo("Coordinator: n2 since 2026-12-03T07:50:00Z (epoch 3)");
        assertThat(lines.get(1)).isEqualTo("3 nodes:");
        assertThat(lines.get(2)).startsWith("  n1  live  version 1.2.0").endsWith("checks 3 shards (0,2,5)");
        assertThat(lines.get(3)).startsWith("  n2  live  coordinator").endsWith("checks 1 shard (7)");
        assertThat(lines.get(4)).startsWith("  n3  lost").contains("last heartbeat 40 s ago")
                .endsWith("checks no shard");
    }

    @Test
    void theLoneNodeOfH2ListsNoShards() {
        ClusterView view = new ClusterView(NOW, Optional.of(LEASE), List.of(node("n2", 0)));

        assertThat(ClusterText.lines(view)).hasSize(3).last().asString()
                .startsWith("  n2  live  coordinator").doesNotContain("shard");
    }
}
