package io.varde.detect;

/** Where a target stands. */
public enum TargetState {
    /** Not checked yet (or being re-checked after connectivity came back). */
    UNKNOWN,
    UP,
    /** Answers, but too slowly or only partly. */
    DEGRADED,
    DOWN;

    /** True for DEGRADED and DOWN. */
    public boolean isProblem() {
        return this == DEGRADED || this == DOWN;
    }
}
