package io.varde.incident;

/** What sort of problem an incident is about. The intel issue adds attack kinds. */
public enum IncidentKind {
    /** One or more targets are DOWN. */
    OUTAGE,
    /** Targets are DEGRADED (slow, partly failing) or flapping, none DOWN. */
    DEGRADED,
    /** Every canary failed: Varde's own network is likely broken. */
    CONNECTIVITY
}
