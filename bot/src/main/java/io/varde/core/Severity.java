package io.varde.core;

/** How urgent a notification is. */
public enum Severity {
    /** Something is down, or the bot cannot see anything. */
    CRITICAL,
    /** Something is degraded or unstable. */
    WARNING,
    /** Worth knowing, nothing to do. */
    INFO,
    /** An earlier problem is over. */
    RESOLVED
}
