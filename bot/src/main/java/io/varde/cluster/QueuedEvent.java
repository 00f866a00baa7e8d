package io.varde.cluster;

import java.time.Instant;

/**
 * An event a node handed to the coordinator, waiting to be applied.
 *
 * @param seq  its place in the queue (lower first)
 * @param kind what it is, e.g. {@code claim}
 * @param ref  the stored row it names (e.g. a claim id), 0 when none
 * @param body optional JSON text, or null
 * @param node the node that queued it
 * @param at   when it was queued, on the database clock
 */
public record QueuedEvent(long seq, String kind, long ref, String body, String node, Instant at) {
}
