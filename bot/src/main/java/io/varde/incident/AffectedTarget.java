package io.varde.incident;

import io.varde.detect.TargetState;
import java.time.Instant;
import java.util.Objects;

/**
 * One target of an incident and how it stands.
 *
 * @param targetId the target's id from {@code rules/targets.yaml}
 * @param state    its announced state: DOWN, DEGRADED, or UP once it is back
 * @param since    when it entered {@code state}
 * @param problem  the first reason its last failing check gave (empty when UP)
 */
public record AffectedTarget(String targetId, TargetState state, Instant since, String problem) {

    public AffectedTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        problem = problem == null ? "" : problem;
    }

    public boolean recovered() {
        return state == TargetState.UP;
    }
}
