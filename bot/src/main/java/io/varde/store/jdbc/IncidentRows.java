package io.varde.store.jdbc;

import io.varde.core.Severity;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code incidents} table: one row per incident, its latest revision. */
final class IncidentRows {

    /** Every column but {@code number}, in the order {@link #bind} sets them. */
    private static final String COLUMNS = "incident_key, open_key, kind, title, severity, state, "
            + "targets_json, labels_json, opened_at, updated_at, resolved_at, ack_platform, ack_id, "
            + "ack_name, acknowledged_at, route, policy, escalation_level, next_escalation_at, "
            + "next_reminder_at, revision, evidence_json";
    private static final int COLUMN_COUNT = 22;

    private static final String INSERT = "INSERT INTO incidents (" + COLUMNS + ", number) VALUES ("
            + "?, ".repeat(COLUMN_COUNT) + "?)";
    private static final String UPDATE = "UPDATE incidents SET "
            + String.join(" = ?, ", COLUMNS.split(", ")) + " = ? WHERE number = ? AND revision = ?";
    private static final String SELECT = "SELECT number, " + COLUMNS + " FROM incidents ";

    private IncidentRows() {
    }

    static void insert(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, i);
            ps.setLong(COLUMN_COUNT + 1, i.number());
            ps.executeUpdate();
        }
        writeTargets(c, i);
    }

    /** Writes {@code next} over the row whose revision is {@code next.revision() - 1}. */
    static boolean update(Connection c, Incident next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            bind(ps, next);
            ps.setLong(COLUMN_COUNT + 1, next.number());
            ps.setInt(COLUMN_COUNT + 2, next.revision() - 1);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        writeTargets(c, next);
        return true;
    }

    /**
     * Brings the incident's rows in {@code incident_targets} to its targets while unresolved, none
     * after, and none for a notice that only names targets ({@link IncidentKind#ownsTargets()}).
     * Writes only the difference: a campaign that grows to a thousand targets adds one row per
     * change, instead of rewriting them all (measured in docs/BENCHMARKS.md).
     */
    private static void writeTargets(Connection c, Incident i) throws SQLException {
        Set<String> want = new HashSet<>();
        if (!i.resolved() && i.kind().ownsTargets()) {
            i.targets().forEach(t -> want.add(t.targetId()));
        }
        Set<String> have = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target_id FROM incident_targets WHERE incident = ?")) {
            ps.setLong(1, i.number());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    have.add(rs.getString(1));
                }
            }
        }
        batch(c, "DELETE FROM incident_targets WHERE incident = ? AND target_id = ?", i.number(),
                have.stream().filter(id -> !want.contains(id)).toList());
        batch(c, "INSERT INTO incident_targets (incident, target_id) VALUES (?, ?)", i.number(),
                want.stream().filter(id -> !have.contains(id)).toList());
    }

    private static void batch(Connection c, String sql, long incident, List<String> targetIds) throws SQLException {
        if (targetIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : targetIds) {
                ps.setLong(1, incident);
                ps.setString(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The unresolved incident (other than a connectivity one) that lists {@code targetId}. */
    static Optional<Incident> unresolvedWithTarget(Connection c, String targetId) throws SQLException {
        List<Incident> found = select(c, "WHERE open_key IS NOT NULL AND kind <> 'CONNECTIVITY' AND number IN "
                + "(SELECT incident FROM incident_targets WHERE target_id = ?) ORDER BY number", targetId);
        return found.stream().findFirst();
    }

    static Optional<Incident> byNumber(Connection c, long number) throws SQLException {
        List<Incident> found = select(c, "WHERE number = ?", number);
        return found.stream().findFirst();
    }

    static Optional<Incident> unresolvedByKey(Connection c, String key) throws SQLException {
        List<Incident> found = select(c, "WHERE open_key = ?", key);
        return found.stream().findFirst();
    }

    /** Unresolved incidents, oldest first (numbers break ties: they grow with time). */
    static List<Incident> unresolved(Connection c) throws SQLException {
        return select(c, "WHERE open_key IS NOT NULL ORDER BY opened_at, number");
    }

    /** Open incidents with an escalation or reminder due at {@code now}, oldest first. */
    static List<Incident> withDueTimers(Connection c, Instant now) throws SQLException {
        List<Incident> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE open_key IS NOT NULL AND state = 'OPEN' "
                + "AND (next_escalation_at <= ? OR next_reminder_at <= ?) ORDER BY opened_at, number")) {
            Jdbc.setTime(ps, 1, now);
            Jdbc.setTime(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    /** The newest {@code limit}, newest first. */
    static List<Incident> recent(Connection c, int limit) throws SQLException {
        return select(c, "ORDER BY number DESC LIMIT ?", limit);
    }

    private static List<Incident> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            for (int p = 0; p < params.length; p++) {
                ps.setObject(p + 1, params[p]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Incident> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Incident i) throws SQLException {
        ps.setString(1, i.key());
        ps.setString(2, i.resolved() ? null : i.key());
        ps.setString(3, i.kind().name());
        ps.setString(4, i.title());
        ps.setString(5, i.severity().name());
        ps.setString(6, i.state().name());
        ps.setString(7, JsonColumns.targets(i.targets()));
        ps.setString(8, JsonColumns.labels(i.labels()));
        Jdbc.setTime(ps, 9, i.openedAt());
        Jdbc.setTime(ps, 10, i.updatedAt());
        Jdbc.setTime(ps, 11, i.resolvedAt());
        Jdbc.setActor(ps, 12, i.acknowledgedBy());
        Jdbc.setTime(ps, 15, i.acknowledgedAt());
        ps.setString(16, i.route());
        ps.setString(17, i.policy());
        ps.setInt(18, i.escalationLevel());
        Jdbc.setTime(ps, 19, i.nextEscalationAt());
        Jdbc.setTime(ps, 20, i.nextReminderAt());
        ps.setInt(21, i.revision());
        ps.setString(22, JsonColumns.evidence(i.evidence()));
    }

    private static Incident read(ResultSet rs) throws SQLException {
        return new Incident(rs.getLong("number"), rs.getString("incident_key"),
                IncidentKind.valueOf(rs.getString("kind")), rs.getString("title"),
                Severity.valueOf(rs.getString("severity")), IncidentState.valueOf(rs.getString("state")),
                JsonColumns.targets(rs.getString("targets_json")),
                JsonColumns.labels(rs.getString("labels_json")),
                Jdbc.time(rs, "opened_at"), Jdbc.time(rs, "updated_at"), Jdbc.time(rs, "resolved_at"),
                Jdbc.actor(rs, "ack"), Jdbc.time(rs, "acknowledged_at"),
                rs.getString("route"), rs.getString("policy"), rs.getInt("escalation_level"),
                Jdbc.time(rs, "next_escalation_at"), Jdbc.time(rs, "next_reminder_at"),
                rs.getInt("revision"), JsonColumns.evidence(rs.getString("evidence_json")));
    }
}
