package io.varde.incident;

/** What sort of problem an incident is about. Stored by name: renaming one needs a migration. */
public enum IncidentKind {
    /** One or more targets are DOWN. */
    OUTAGE,
    /** Targets are DEGRADED (slow, partly failing) or flapping, none DOWN. */
    DEGRADED,
    /** Targets fail from some locations and pass from others (geo-blocked, partial outage), none DOWN. */
    PARTIAL,
    /** Targets answer with a challenge or block page (CDN, WAF): defended, not down; none DOWN. */
    MITIGATED,
    /** A vantage point stopped reporting, or fails most of its targets on its own: a notice while it does. */
    LOCATION,
    /** Every canary failed: Varde's own network is likely broken. */
    CONNECTIVITY,
    /** Several targets sharing label values went DOWN within a campaign rule's window. */
    CAMPAIGN,
    /** Monitored targets are on an attack tool's task list; a notice while they are. */
    TASKED,
    /** A claim of an attack on monitored targets, and no outage of theirs seen: a notice. */
    CLAIMED_NOT_OBSERVED,
    /** A node of the cluster stopped heartbeating without stopping cleanly: a notice while it is lost. */
    NODE_LOST;

    /**
     * True when the incident is where its targets' detection events go (one such incident per
     * target at a time); false for notices that only name targets (tasked, claimed not observed).
     */
    public boolean ownsTargets() {
        return this != TASKED && this != CLAIMED_NOT_OBSERVED && this != NODE_LOST && this != LOCATION;
    }

    /** True when kind, severity and title follow from the targets' states (outage, degraded). */
    public boolean followsStates() {
        return this == OUTAGE || this == DEGRADED || this == PARTIAL || this == MITIGATED;
    }
}
