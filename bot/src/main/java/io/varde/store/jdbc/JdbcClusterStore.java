package io.varde.store.jdbc;

import io.varde.cluster.ClusterStore;
import io.varde.cluster.CheckShards;
import io.varde.cluster.ClusterView;
import io.varde.cluster.Lease;
import io.varde.cluster.NodeRecord;
import io.varde.cluster.QueuedEvent;
import io.varde.cluster.Tightening;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cluster's shared state on JDBC ({@code cluster_nodes}, {@code cluster_lease},
 * {@code cluster_events}, Flyway V7; on PostgreSQL the shards in Quartz's tables and
 * {@code check_tightening}, V9), every time on the database's clock. A claim locks the lease
 * row ({@code SELECT ... FOR UPDATE}) and decides on it, so of nodes claiming at once one takes
 * the lease and the others read it taken; the very first claims, with no row to lock yet, race on
 * the primary key and the loser claims once more. {@link #fence} makes the coordinator's stores
 * refuse to write once its term is over.
 */
public final class JdbcClusterStore implements ClusterStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public JdbcClusterStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void heartbeat(String node, String version, Instant startedAt) {
        retryOnceOnUniqueViolation(() -> Jdbc.transaction(db.dataSource(), "cluster heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_nodes SET version = ?, started_at = ?, "
                    + "heartbeat_at = CURRENT_TIMESTAMP, stopped_at = NULL WHERE name = ?")) {
                ps.setString(1, version);
                Jdbc.setTime(ps, 2, startedAt);
                ps.setString(3, node);
                if (ps.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_nodes (name, version, started_at, "
                    + "heartbeat_at, stopped_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP, NULL)")) {
                ps.setString(1, node);
                ps.setString(2, version);
                Jdbc.setTime(ps, 3, startedAt);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void forget(String node) {
        Jdbc.transaction(db.dataSource(), "cluster forget", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_nodes WHERE name = ?")) {
                ps.setString(1, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void stopped(String node) {
        Jdbc.transaction(db.dataSource(), "cluster stopped", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cluster_nodes SET stopped_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                ps.setString(1, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * "Now" is the claiming transaction's {@code CURRENT_TIMESTAMP}: on PostgreSQL the time it
     * began, so a claim that waited for the lock judges and extends by that earlier time (a
     * lease it takes or renews then ends up to that wait early, never late).
     */
    @Override
    public Lease claim(String node, Duration ttl) {
        Objects.requireNonNull(node, "node");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        return retryOnceOnUniqueViolation(() -> Jdbc.transaction(db.dataSource(), "cluster claim", c -> {
            Optional<Lease> current = lease(c, true);
            Instant now = databaseNow(c);
            Instant expires = Jdbc.stored(now.plus(ttl));
            if (current.isEmpty()) {
                Lease first = new Lease(node, 1, now, expires);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_lease (name, holder, epoch, "
                        + "since, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, COORDINATOR);
                    bind(ps, 2, first);
                    ps.executeUpdate();
                }
                return first;
            }
            Lease lease = current.get();
            Lease next;
            if (!lease.validAt(now)) {
                next = new Lease(node, lease.epoch() + 1, now, expires);
            } else if (lease.heldBy(node)) {
                next = new Lease(node, lease.epoch(), lease.since(), expires);
            } else {
                return lease;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET holder = ?, epoch = ?, "
                    + "since = ?, expires_at = ? WHERE name = ?")) {
                bind(ps, 1, next);
                ps.setString(5, COORDINATOR);
                ps.executeUpdate();
            }
            return next;
        }));
    }

    private static void bind(PreparedStatement ps, int index, Lease lease) throws SQLException {
        ps.setString(index, lease.holder());
        ps.setLong(index + 1, lease.epoch());
        Jdbc.setTime(ps, index + 2, lease.since());
        Jdbc.setTime(ps, index + 3, lease.expiresAt());
    }

    @Override
    public void release(String node, long epoch) {
        Jdbc.transaction(db.dataSource(), "cluster release", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET expires_at = CURRENT_TIMESTAMP "
                    + "WHERE name = ? AND holder = ? AND epoch = ? AND expires_at > CURRENT_TIMESTAMP")) {
                ps.setString(1, COORDINATOR);
                ps.setString(2, node);
                ps.setLong(3, epoch);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public ClusterView view() {
        return Jdbc.transaction(db.dataSource(), "cluster view", c -> {
            Instant now = databaseNow(c);
            Optional<Lease> lease = lease(c, false);
            List<NodeRecord> nodes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cluster_nodes ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new NodeRecord(rs.getString("name"), rs.getString("version"),
                            Jdbc.time(rs, "started_at"), Jdbc.time(rs, "heartbeat_at"), Jdbc.time(rs, "stopped_at")));
                }
            }
            return new ClusterView(now, lease, nodes, db.postgres(), db.postgres() ? shards(c) : Map.of());
        });
    }

    /** The shard jobs each node runs now, by Quartz's clustered job store (V9, PostgreSQL). */
    private static Map<String, List<Integer>> shards(Connection c) throws SQLException {
        Map<String, List<Integer>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT instance_name, job_name FROM qrtz_fired_triggers "
                + "WHERE sched_name = ? AND job_group = ? AND state = 'EXECUTING'")) {
            ps.setString(1, CHECKS_SCHEDULER);
            ps.setString(2, CHECKS_GROUP);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String job = rs.getString(2);
                    if (job.startsWith("shard-")) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(Integer.parseInt(job.substring("shard-".length())));
                    }
                }
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    @Override
    public CheckShards checkShards(long nowMillis) {
        return Jdbc.transaction(db.dataSource(), "check shards", c -> {
            Set<String> live = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT instance_name, last_checkin_time, "
                    + "checkin_interval FROM qrtz_scheduler_state WHERE sched_name = ?")) {
                ps.setString(1, CHECKS_SCHEDULER);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // Quartz's own rule for a failed instance (JobStoreSupport.calcFailedIfAfter)
                        if (rs.getLong(2) + rs.getLong(3) + 7_500 > nowMillis) {
                            live.add(rs.getString(1));
                        }
                    }
                }
            }
            return new CheckShards(live, shards(c));
        });
    }

    @Override
    public void checkOut(String node) {
        Jdbc.transaction(db.dataSource(), "check out", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?")) {
                ps.setString(1, CHECKS_SCHEDULER);
                ps.setString(2, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void enqueueAll(String kind, List<String> bodies, String node) {
        if (bodies.isEmpty()) {
            return;
        }
        Jdbc.transaction(db.dataSource(), "cluster enqueue", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_events (kind, ref, body, node, "
                    + "created_at) VALUES (?, 0, ?, ?, CURRENT_TIMESTAMP)")) {
                for (String body : bodies) {
                    ps.setString(1, kind);
                    ps.setString(2, body);
                    ps.setString(3, node);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void tighten(Tightening t) {
        Jdbc.transaction(db.dataSource(), "tighten", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM check_tightening WHERE target_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO check_tightening (target_id, interval_ms, "
                         + "failure_threshold, paths, updated_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                del.setString(1, t.targetId());
                del.executeUpdate();
                ins.setString(1, t.targetId());
                ins.setLong(2, t.interval().toMillis());
                ins.setInt(3, t.failureThreshold());
                ins.setString(4, JsonColumns.strings(t.paths()));
                ins.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void untighten(String targetId) {
        Jdbc.transaction(db.dataSource(), "untighten", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM check_tightening WHERE target_id = ?")) {
                ps.setString(1, targetId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Tightening> tightenings() {
        return Jdbc.transaction(db.dataSource(), "tightenings", c -> {
            List<Tightening> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM check_tightening ORDER BY target_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tightening(rs.getString("target_id"), Duration.ofMillis(rs.getLong("interval_ms")),
                            rs.getInt("failure_threshold"), JsonColumns.strings(rs.getString("paths"))));
                }
            }
            return out;
        });
    }

    @Override
    public void enqueue(String kind, long ref, String body, String node) {
        Jdbc.transaction(db.dataSource(), "cluster enqueue", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_events (kind, ref, body, node, "
                    + "created_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, kind);
                ps.setLong(2, ref);
                ps.setString(3, body);
                ps.setString(4, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<QueuedEvent> queued(int limit) {
        return Jdbc.transaction(db.dataSource(), "cluster queued", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cluster_events ORDER BY seq LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<QueuedEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new QueuedEvent(rs.getLong("seq"), rs.getString("kind"), rs.getLong("ref"),
                                rs.getString("body"), rs.getString("node"), Jdbc.time(rs, "created_at")));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void dequeue(long seq) {
        Jdbc.transaction(db.dataSource(), "cluster dequeue", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_events WHERE seq = ?")) {
                ps.setLong(1, seq);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A fence for the coordinator's stores: each of their transactions first finds the lease held
     * by {@code node} in {@code epoch} and not expired (on the database clock), or throws
     * {@link FencedOff}. On PostgreSQL it reads the row {@code FOR SHARE}: a takeover's update
     * then waits until the fenced transaction ends, and a fenced transaction that comes after a
     * takeover committed finds no row. H2 is a single node: no lock, the check alone.
     */
    public Fence fence(String node, long epoch) {
        Objects.requireNonNull(node, "node");
        String sql = "SELECT epoch FROM cluster_lease WHERE name = ? AND holder = ? AND epoch = ? "
                + "AND expires_at > CURRENT_TIMESTAMP" + (db.postgres() ? " FOR SHARE" : "");
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, COORDINATOR);
                ps.setString(2, node);
                ps.setLong(3, epoch);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new FencedOff(node, epoch);
                    }
                }
            }
        };
    }

    /** The coordinator's lease, locked until the transaction ends when {@code lock}. */
    private static Optional<Lease> lease(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, epoch, since, expires_at FROM cluster_lease "
                + "WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, COORDINATOR);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(rs.getString("holder"), rs.getLong("epoch"), Jdbc.time(rs, "since"),
                        Jdbc.time(rs, "expires_at")));
            }
        }
    }

    /** The database's clock in this transaction, truncated to microseconds as stored. */
    private static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Jdbc.stored(rs.getObject(1, OffsetDateTime.class).toInstant());
        }
    }

    /**
     * Runs {@code work}; when it fails on a unique key (two first claims, or two first heartbeats
     * of one name, inserting at once), runs it once more, when it finds the other's row.
     */
    private static <T> T retryOnceOnUniqueViolation(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            return work.get();
        }
    }
}
