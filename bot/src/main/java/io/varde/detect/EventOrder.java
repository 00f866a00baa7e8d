package io.varde.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's guard on detection events that other nodes judged (a cluster's shard owners):
 * per target the last change it applied, so that an event older than that (a node's events
 * buffered while the database was away, arriving after the new owner's) or one announcing the
 * state already applied (a shard's old and new owner both saw it, or an event applied again after
 * a failover) says nothing and is skipped. A shard's new owner reads the queue through one too
 * ({@link #last}), so it starts from what the coordinator will have applied. Not thread-safe: one
 * caller, in queue order.
 */
public final class EventOrder {

    /** The last change applied for a target: the state it announced, and when. */
    public record Applied(TargetState state, Instant at) {
    }

    private final Map<String, Applied> applied = new HashMap<>();

    /** Starts from the stored announced states (what users last heard, and since when). */
    public void know(String targetId, TargetState state, Instant since) {
        applied.put(targetId, new Applied(state, since));
    }

    /** What was applied last for {@code targetId}: known or admitted; empty when nothing. */
    public Optional<Applied> last(String targetId) {
        return Optional.ofNullable(applied.get(targetId));
    }

    /** True when {@code e} should be applied (and then counts as applied); false when stale or a repeat. */
    public boolean admit(DetectionEvent e) {
        String id;
        TargetState to;
        if (e instanceof DetectionEvent.StateChanged c) {
            id = c.target().id();
            to = c.to();
        } else if (e instanceof DetectionEvent.FlappingStarted f) {
            id = f.target().id();
            to = null;
        } else if (e instanceof DetectionEvent.FlappingStopped f) {
            id = f.target().id();
            to = f.current();
        } else {
            return true; // connectivity: each node's canaries, judged by the incidents (one open at a time)
        }
        Applied last = applied.get(id);
        if (last != null && (e.at().isBefore(last.at()) || (e instanceof DetectionEvent.StateChanged
                && to == last.state()))) {
            return false;
        }
        applied.put(id, new Applied(to == null ? (last == null ? TargetState.UNKNOWN : last.state()) : to, e.at()));
        return true;
    }
}
