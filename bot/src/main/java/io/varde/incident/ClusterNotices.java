package io.varde.incident;

import io.varde.core.Labels;
import io.varde.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cluster notices: one incident per node that stopped heartbeating without stopping cleanly
 * (killed, hung, cut off from the database), at severity info on the route for unlabelled info
 * alerts, opened when the coordinator sees it lost and resolved when it heartbeats again, stops
 * cleanly, or is replaced (a new process on the same host). Its work has already moved to the
 * other nodes; the notice says that it happened.
 */
final class ClusterNotices {

    private final TeamConfig config;
    private final Publisher publisher;

    ClusterNotices(TeamConfig config, Publisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    static String key(String node) {
        return "node:" + node;
    }

    /** The node a notice is about, from its key. */
    static Optional<String> nodeOf(Incident i) {
        return i.kind() == IncidentKind.NODE_LOST && i.key().startsWith("node:")
                ? Optional.of(i.key().substring("node:".length())) : Optional.empty();
    }

    void lost(IncidentTx tx, String node, Instant lastHeartbeat, Instant now) {
        String key = key(node);
        if (tx.unresolvedByKey(key).isPresent()) {
            return;
        }
        Route route = config.routeFor(Labels.empty(), Severity.INFO);
        String text = "no heartbeat from node " + node + " since " + IncidentCards.time(lastHeartbeat)
                + "; the other nodes took its work over";
        Incident.Builder b = Revisions.fresh(tx, config, key, route, List.of(), IncidentKind.NODE_LOST, Severity.INFO,
                "Cluster node " + node + " lost", now);
        b.evidence = List.of(new Evidence("node:" + node, text));
        publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "opened: " + text, List.of(),
                true), now);
    }

    /** @param how e.g. "is back", "stopped cleanly", "was replaced by host-4711" */
    void back(IncidentTx tx, String node, String how, Instant now) {
        Optional<Incident> open = tx.unresolvedByKey(key(node));
        if (open.isEmpty()) {
            return;
        }
        Incident.Builder b = Revisions.next(open.get(), now);
        b.title = "Cluster node " + node + " " + how;
        DetectionIntake.resolve(b, now);
        publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM, "node " + node + " " + how),
                now);
    }
}
