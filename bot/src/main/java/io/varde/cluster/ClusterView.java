package io.varde.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the database says now, read in one transaction: its clock, the coordinator's lease (none
 * before the first claim) and every node, by name. Judging leases and heartbeats against
 * {@code now}, not a node's own clock, keeps nodes with skewed clocks in agreement.
 *
 * @param now         the database's clock
 * @param coordinator the coordinator's lease, valid or not, or empty before anyone claimed it
 * @param nodes       every node that has run, sorted by name
 */
public record ClusterView(Instant now, Optional<Lease> coordinator, List<NodeRecord> nodes) {

    public ClusterView {
        nodes = List.copyOf(nodes);
    }
}
