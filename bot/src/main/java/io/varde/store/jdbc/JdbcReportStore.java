package io.varde.store.jdbc;

import io.varde.detect.ReportStore;
import io.varde.detect.StoredReport;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Shared target statuses on JDBC ({@code target_reports}, Flyway V7), one row per target. A
 * publish is one transaction and at most two JDBC batches (updates, then inserts of the targets
 * not stored yet), in target id order, so two nodes publishing overlapping targets lock rows in
 * the same order and never deadlock; two first publishes of one target at once meet at the
 * primary key, and the later one runs once more, when it finds the row and updates it.
 */
public final class JdbcReportStore implements ReportStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public JdbcReportStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * {@inheritDoc}
     * <p>
     * Of several reports of one target in {@code reports}, the last is stored. The response time
     * is kept in whole milliseconds.
     */
    @Override
    public void publish(String node, List<TargetReport> reports, Instant at) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        if (reports.isEmpty()) {
            return;
        }
        TreeMap<String, TargetReport> byId = new TreeMap<>();
        for (TargetReport r : reports) {
            byId.put(r.target().id(), r);
        }
        List<TargetReport> ordered = new ArrayList<>(byId.values());
        try {
            write(node, ordered, at);
        } catch (StoreException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            write(node, ordered, at);
        }
    }

    private void write(String node, List<TargetReport> reports, Instant at) {
        Jdbc.transaction(db.dataSource(), "report publish", c -> {
            List<TargetReport> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE target_reports SET state = ?, since = ?, "
                    + "flapping = ?, last_at = ?, response_ms = ?, problem = ?, node = ?, updated_at = ? "
                    + "WHERE target_id = ?")) {
                for (TargetReport r : reports) {
                    bind(ps, r, node, at);
                    ps.setString(9, r.target().id());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        missing.add(reports.get(i));
                    }
                }
            }
            if (!missing.isEmpty()) {
                insert(c, missing, node, at);
            }
            return null;
        });
    }

    private static void insert(Connection c, List<TargetReport> reports, String node, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO target_reports (state, since, flapping, "
                + "last_at, response_ms, problem, node, updated_at, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TargetReport r : reports) {
                bind(ps, r, node, at);
                ps.setString(9, r.target().id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Parameters 1 to 8 of both statements: everything but the target id. */
    private static void bind(PreparedStatement ps, TargetReport r, String node, Instant at) throws SQLException {
        ps.setString(1, r.state().name());
        Jdbc.setTime(ps, 2, r.since());
        ps.setBoolean(3, r.flapping());
        Jdbc.setTime(ps, 4, r.lastCheck());
        if (r.latency() == null) {
            ps.setNull(5, Types.BIGINT);
        } else {
            ps.setLong(5, r.latency().toMillis());
        }
        ps.setString(6, r.problem());
        ps.setString(7, node);
        Jdbc.setTime(ps, 8, at);
    }

    @Override
    public Map<String, StoredReport> all() {
        return Jdbc.transaction(db.dataSource(), "report all", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM target_reports");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, StoredReport> out = new HashMap<>();
                while (rs.next()) {
                    long ms = rs.getLong("response_ms");
                    Duration latency = rs.wasNull() ? null : Duration.ofMillis(ms);
                    StoredReport r = new StoredReport(rs.getString("target_id"),
                            TargetState.valueOf(rs.getString("state")), Jdbc.time(rs, "since"),
                            rs.getBoolean("flapping"), Jdbc.time(rs, "last_at"), latency, rs.getString("problem"),
                            rs.getString("node"), Jdbc.time(rs, "updated_at"));
                    out.put(r.targetId(), r);
                }
                return out;
            }
        });
    }
}
