package io.varde.incident;

/** Where an incident is in its life. */
public enum IncidentState {
    /** Nobody has taken it yet; escalation runs. */
    OPEN,
    /** Someone took it; escalation and reminders stop. */
    ACKNOWLEDGED,
    /** Over: every target is back, or a lead closed it. */
    RESOLVED
}
