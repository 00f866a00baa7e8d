package io.varde.cluster;

import java.time.Duration;
import java.time.Instant;

/** What the cluster knows of a node: heartbeating, silent, or stopped cleanly. */
public enum NodeState {
    /** Heartbeat within {@link #LOST_AFTER}. */
    LIVE,
    /** No heartbeat for {@link #LOST_AFTER} and not stopped: killed, hung or cut off. */
    LOST,
    /** Stopped cleanly (it said so). */
    STOPPED;

    /** A node that has not heartbeat for this long is lost: five missed heartbeats. */
    public static final Duration LOST_AFTER = Coordination.RENEW_EVERY.multipliedBy(5);

    /** The state of {@code node} at {@code now} (the database's clock, as its heartbeats are). */
    public static NodeState of(NodeRecord node, Instant now) {
        if (node.stoppedAt() != null) {
            return STOPPED;
        }
        return node.heartbeatAt().plus(LOST_AFTER).isBefore(now) ? LOST : LIVE;
    }

    /** As the API and {@code varde ctl cluster} show it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
