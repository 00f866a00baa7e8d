package io.varde.incident;

/** What a person may do, in increasing order: each role may do what the ones before it may. */
public enum Role {
    /** Nothing at all. */
    NONE,
    /** Read-only queries: status, incidents, help. */
    VIEWER,
    /** A viewer who may also acknowledge. */
    RESPONDER,
    /** A responder who may also mute, unmute, escalate and resolve. */
    LEAD;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }
}
