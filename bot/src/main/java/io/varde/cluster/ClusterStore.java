package io.varde.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The port to the cluster's shared state: node heartbeats, the coordinator's lease and the queue
 * of events for the coordinator. Every time it records or judges by is the database's clock, never
 * the calling node's, so a node whose clock is off neither steals a valid lease nor keeps an
 * expired one.
 */
public interface ClusterStore {

    /** The lease every node claims. */
    String COORDINATOR = "coordinator";
    /** Quartz's scheduler name for the shared checks, the same on every node (SCHED_NAME). */
    String CHECKS_SCHEDULER = "varde-checks";
    /** The Quartz job group of the shard jobs ({@code shard-N}). */
    String CHECKS_GROUP = "checks";

    /** Upserts the node's row: version, startedAt, heartbeat_at = DATABASE now, stopped_at = NULL. */
    void heartbeat(String node, String version, Instant startedAt);

    /** Removes the node's row (a node silent or stopped for long, see {@code NodeWatch}). */
    void forget(String node);

    /** Clean stop: stopped_at = database now. */
    void stopped(String node);

    /**
     * One transaction, on the DATABASE clock (CURRENT_TIMESTAMP, never the JVM's): when there is
     * no lease, or it has expired, {@code node} takes it: epoch + 1, since = now, expires = now +
     * ttl. When {@code node} holds a valid lease: expires = now + ttl, epoch and since kept
     * (renewal). Otherwise nothing changes. Returns the lease as it stands after the call (maybe
     * another's). Of nodes claiming at once, exactly one gets it.
     */
    Lease claim(String node, Duration ttl);

    /**
     * Clean stop: expires the lease now if {@code node} holds it with {@code epoch}; the next
     * claim by anyone takes it. Otherwise nothing changes.
     */
    void release(String node, long epoch);

    /** The database's clock, the lease and every node, read in one transaction. */
    ClusterView view();

    /**
     * Appends an event for the coordinator (kind e.g. {@code claim}, ref = the stored claim id;
     * body optional JSON text), stamped with the database's clock.
     */
    void enqueue(String kind, long ref, String body, String node);

    /** Up to {@code limit} queued events, oldest (lowest seq) first. */
    List<QueuedEvent> queued(int limit);

    /** Removes one event once applied; an event already removed is no error. */
    void dequeue(long seq);

    /**
     * Appends events for the coordinator in one transaction, in the order given (kind, body; ref 0),
     * so that one node's events for a target keep their order.
     */
    void enqueueAll(String kind, List<String> bodies, String node);

    /** Sets (or replaces) a target's tightened checks. */
    void tighten(Tightening t);

    /** The target is checked normally again; nothing when it was not tightened. */
    void untighten(String targetId);

    /** Every tightened target now. */
    List<Tightening> tightenings();

    /** The nodes sharing the check shards and what each runs, judged live at {@code nowMillis} (the node's clock, as Quartz's). */
    CheckShards checkShards(long nowMillis);

    /** Removes a stopped node's Quartz check-in, so the others take its shards at once. */
    void checkOut(String node);
}
