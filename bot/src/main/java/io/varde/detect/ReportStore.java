package io.varde.detect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The port to target statuses shared by the nodes of a cluster: each node publishes the
 * {@link TargetReport}s of the targets it checks, and any node answers a status query from what
 * all of them published. A report replaces the target's last one, whichever node sent that.
 */
public interface ReportStore {

    /** Upserts these targets' reports as seen by {@code node} at {@code at} (one batch, one transaction). */
    void publish(String node, List<TargetReport> reports, Instant at);

    /** Every stored report by target id. */
    Map<String, StoredReport> all();
}
