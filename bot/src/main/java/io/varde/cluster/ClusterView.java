package io.varde.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the database says now, read in one transaction: its clock, the coordinator's lease (none
 * before the first claim) and every node, by name. Judging leases and heartbeats against
 * {@code now}, not a node's own clock, keeps nodes with skewed clocks in agreement.
 *
 * @param now         the database's clock
 * @param coordinator the coordinator's lease, valid or not, or empty before anyone claimed it
 * @param nodes       every node that has run, sorted by name
 * @param sharded     true when the nodes share the checks by shards (PostgreSQL); false for the
 *                    lone H2 node, whose coordinator checks everything
 * @param shards      the check shards each node runs now, by Quartz's tables (empty on H2)
 */
public record ClusterView(Instant now, Optional<Lease> coordinator, List<NodeRecord> nodes, boolean sharded,
                          Map<String, List<Integer>> shards) {

    public ClusterView {
        nodes = List.copyOf(nodes);
        shards = Map.copyOf(shards);
    }

    /** A view without shards (one node, which checks everything while it coordinates). */
    public ClusterView(Instant now, Optional<Lease> coordinator, List<NodeRecord> nodes) {
        this(now, coordinator, nodes, false, Map.of());
    }

    /** The shards {@code node} runs, sorted; empty when none. */
    public List<Integer> shardsOf(String node) {
        return shards.getOrDefault(node, List.of());
    }
}
