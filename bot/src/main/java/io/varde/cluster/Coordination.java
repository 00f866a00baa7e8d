package io.varde.cluster;

import io.varde.core.LogThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who coordinates: each node runs {@link #step} every {@link #RENEW_EVERY}; it records the node
 * alive and claims the coordinator lease (renewing it when held). The node that holds the lease
 * runs the coordinator's duties ({@link Duties#begin}: correlation, incident changes, the sweep,
 * delivery, the Discord session, the checks) for as long as it holds it; another node taking the
 * lease ends them here. A coordinator that dies stops renewing: its lease runs out after
 * {@link #LEASE}; another node takes it when it has seen it expired on two steps in a row, so the
 * cluster has a new coordinator within {@code LEASE + 2 x RENEW_EVERY} (12 s) of the last renewal.
 * Waiting for the second sighting lets the holder win after a database outage (it claims its own
 * lease at once, and the others' failed steps start their count again), so the coordinator that
 * kept checking through the outage applies what it saw instead of being replaced by a node that
 * saw nothing. A lease whose holder stopped cleanly, or no lease at all, is taken at once.
 *
 * <p>Every change of holder raises the lease's epoch, and everything the coordinator writes is
 * fenced by it (the store checks the epoch in the same transaction), so a node that wakes from a
 * long pause, or comes back from behind a partition, changes and delivers nothing after another
 * node took over: its transactions fail until its next step sees the other holder and ends its
 * duties. A step that fails (the database unreachable) keeps the duties running: nobody else can
 * take over without the database either, and checks go on. When the database returns and this
 * node claims first, its lease was expired and the claim raises the epoch by one: no other node
 * held it in between, so the duties go on under the new epoch instead of starting over.
 *
 * <p>Not thread-safe beyond its own lock: one loop calls {@link #step}; {@link #epoch} is read by
 * the fence from any thread.
 */
public final class Coordination implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coordination.class);
    /** How long a lease lasts without renewal: three missed renewals (a long GC pause) do not depose. */
    public static final Duration LEASE = Duration.ofSeconds(8);
    /** How often each node heartbeats and claims. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(2);

    /** The coordinator's work, started when this node takes the lease. */
    @FunctionalInterface
    public interface Duties {

        /** Starts the coordinator's work under {@code epoch}; closing the result stops it. */
        AutoCloseable begin(long epoch) throws Exception;
    }

    private final ClusterStore store;
    private final String node;
    private final String version;
    private final Instant startedAt;
    private final Duties duties;
    private final boolean alone;
    private final LogThrottle failures = new LogThrottle(Duration.ofMinutes(1));
    private AutoCloseable term;
    private volatile long epoch = -1;
    /** When (the step's clock) another node's expired lease was first seen, on consecutive steps; -1 when not. */
    private long expiredSeenAt = -1;

    /**
     * @param startedAt when this process started (shown with the node)
     */
    public Coordination(ClusterStore store, String node, String version, Instant startedAt, Duties duties) {
        this(store, node, version, startedAt, duties, false);
    }

    /**
     * @param alone true when no other process can share the database (embedded H2, locked by this
     *              process): a lease held by another name is a dead process's (a restart after a
     *              crash, under a new pid), taken over at the first step instead of waited out
     */
    public Coordination(ClusterStore store, String node, String version, Instant startedAt, Duties duties,
                        boolean alone) {
        this.store = store;
        this.node = node;
        this.version = version;
        this.startedAt = startedAt;
        this.duties = duties;
        this.alone = alone;
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    /** The epoch this node coordinates under, or -1 while it does not. */
    public long epoch() {
        return epoch;
    }

    /** True while this node runs the coordinator's duties. */
    public synchronized boolean coordinating() {
        return term != null;
    }

    /**
     * Heartbeats, claims, and starts or ends the duties to match; returns the lease as it stands,
     * empty when the database could not be asked (the duties then stay as they are).
     */
    public synchronized Optional<Lease> step(long nowMillis) {
        Lease lease;
        try {
            store.heartbeat(node, version, startedAt);
            Optional<Lease> others = alone ? Optional.empty() : othersExpiredLease(nowMillis);
            lease = others.isPresent() ? others.get() : store.claim(node, LEASE);
            if (alone && !lease.heldBy(node)) {
                store.release(lease.holder(), lease.epoch());
                lease = store.claim(node, LEASE);
            }
            if (term == null && lease.heldBy(node) && !takenNow(lease)) {
                // A lease of our name that this process did not take: a predecessor's (restarted
                // within its lease) or a second process under the same name. A new epoch fences it.
                store.release(node, lease.epoch());
                lease = store.claim(node, LEASE);
            }
        } catch (RuntimeException e) {
            expiredSeenAt = -1;
            long skipped = failures.pass(nowMillis);
            if (skipped >= 0) {
                LOG.warn("event=cluster_step_failed node={} coordinating={} error=\"{}\" skipped={}", node,
                        term != null, String.valueOf(e.getMessage()).replace('"', '\''), skipped);
            }
            return Optional.empty();
        }
        if (lease.heldBy(node)) {
            if (term != null && lease.epoch() == epoch + 1) {
                // Our own lease ran out (the database was away) and we took it back: nobody held it between.
                LOG.info("event=coordinator_renewed_after_gap node={} epoch={}", node, lease.epoch());
                epoch = lease.epoch();
            } else if (term != null && lease.epoch() != epoch) {
                end("new_term");
            }
            if (term == null) {
                begin(lease);
            }
        } else if (term != null) {
            end("deposed");
        }
        return Optional.of(lease);
    }

    /**
     * Another node's lease, when this step must leave it alone: valid, or expired but seen so for
     * less than a step (see the class comment). Empty when this node may claim.
     */
    private Optional<Lease> othersExpiredLease(long nowMillis) {
        ClusterView view = store.view();
        Optional<Lease> current = view.coordinator();
        if (current.isEmpty() || current.get().heldBy(node)) {
            expiredSeenAt = -1;
            return Optional.empty();
        }
        Lease l = current.get();
        if (l.validAt(view.now())) {
            expiredSeenAt = -1;
            return current;
        }
        boolean holderStopped = view.nodes().stream()
                .anyMatch(n -> n.name().equals(l.holder()) && NodeState.of(n, view.now()) == NodeState.STOPPED);
        if (holderStopped) {
            return Optional.empty();
        }
        if (expiredSeenAt < 0) {
            expiredSeenAt = nowMillis;
        }
        return nowMillis - expiredSeenAt >= RENEW_EVERY.toMillis() ? Optional.empty() : current;
    }

    /** True for a lease the claim that returned it has just taken (since and expiry from the same clock reading). */
    private static boolean takenNow(Lease lease) {
        return lease.since().equals(lease.expiresAt().minus(LEASE));
    }

    private void begin(Lease lease) {
        epoch = lease.epoch();
        try {
            term = duties.begin(lease.epoch());
            LOG.info("event=coordinator_elected node={} epoch={} since={}", node, lease.epoch(), lease.since());
        } catch (Exception e) {
            epoch = -1;
            LOG.error("event=coordinator_start_failed node={} epoch={} error=\"{}\"", node, lease.epoch(),
                    String.valueOf(e.getMessage()).replace('"', '\''), e);
            try {
                store.release(node, lease.epoch());
            } catch (RuntimeException released) {
                LOG.warn("event=lease_release_failed node={} error=\"{}\"", node, released.toString());
            }
        }
    }

    private void end(String why) {
        long was = epoch;
        epoch = -1;
        AutoCloseable t = term;
        term = null;
        try {
            t.close();
        } catch (Exception e) {
            LOG.warn("event=coordinator_stop_failed node={} error=\"{}\"", node, e.toString());
        }
        LOG.info("event=coordinator_{} node={} epoch={}", why, node, was);
    }

    /** Ends the duties, hands the lease over at once and records the node stopped (a clean stop). */
    @Override
    public synchronized void close() {
        long was = epoch;
        if (term != null) {
            end("stepped_down");
        }
        try {
            if (was >= 0) {
                store.release(node, was);
            }
            store.stopped(node);
        } catch (RuntimeException e) {
            LOG.warn("event=cluster_leave_failed node={} error=\"{}\"", node, e.toString());
        }
    }
}
