package io.varde.cluster;

import java.time.Instant;

/**
 * One node as the database knows it: what it runs, when it started, its last heartbeat
 * (database time) and, after a clean stop, when it stopped.
 *
 * @param name        the node's name ({@link NodeName})
 * @param version     the Varde version it runs, or null when unknown
 * @param startedAt   when its process started (its own clock)
 * @param heartbeatAt its last heartbeat, on the database clock
 * @param stoppedAt   when it stopped cleanly (database clock); null while it runs or after a crash
 */
public record NodeRecord(String name, String version, Instant startedAt, Instant heartbeatAt, Instant stoppedAt) {
}
