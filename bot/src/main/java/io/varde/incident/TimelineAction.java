package io.varde.incident;

/** The kinds of timeline entry. Stored by name: renaming one needs a migration. */
public enum TimelineAction {
    OPENED, WORSENED, IMPROVED, TARGET_JOINED, TARGET_RECOVERED, FLAPPING,
    ACKNOWLEDGED, MUTED, UNMUTED, MUTE_EXPIRED, ESCALATED, REMINDED, RESOLVED,
    /** A notification was not sent because the incident is muted. */
    SUPPRESSED,
    /** Someone tried an action their role does not allow. */
    DENIED,
    /** Correlation found a claim of an attack on it. */
    CLAIMED
}
