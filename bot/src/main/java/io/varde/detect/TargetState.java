package io.varde.detect;

/** Where a target stands. */
public enum TargetState {
    /** Not checked yet (or being re-checked after connectivity came back). */
    UNKNOWN,
    UP,
    /** Answers, but too slowly or only partly. */
    DEGRADED,
    /** Fails from some locations and passes from others, fewer than the target's quorum. */
    PARTIAL,
    /** Answers with a recognised challenge or block page (CDN, WAF): defended, not down. */
    MITIGATED,
    DOWN;

    /** True for every state but UNKNOWN and UP. */
    public boolean isProblem() {
        return this != UNKNOWN && this != UP;
    }
}
