package io.varde.store.jdbc;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.detect.CheckHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Check history on JDBC: raw results in {@code check_results}, and per target and UTC hour a
 * roll-up in {@code check_hourly} (checks, checks that were not FAIL, latency sum and maximum),
 * maintained in the same transaction as the raw rows. Each {@link #record} call costs one
 * transaction and three JDBC batches, however many results it carries.
 */
public final class JdbcCheckHistory implements CheckHistory {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public JdbcCheckHistory(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Stores the results and adds them to their hours' roll-ups. Two calls adding the first
     * results of the same target and hour at once can collide on the roll-up's key; the loser is
     * rolled back and run once more, when it finds the row and adds to it.
     */
    @Override
    public void record(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        List<HourlyRollups.Row> rollups = HourlyRollups.of(results);
        try {
            write(results, rollups);
        } catch (StoreException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            write(results, rollups);
        }
    }

    private void write(List<CheckResult> results, List<HourlyRollups.Row> rollups) {
        Jdbc.transaction(db.dataSource(), "check history record", c -> {
            insertRaw(c, results);
            HourlyRollups.add(c, rollups);
            return null;
        });
    }

    private static void insertRaw(Connection c, List<CheckResult> results) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO check_results "
                + "(target_id, checked_at, outcome, response_ms) VALUES (?, ?, ?, ?)")) {
            for (CheckResult r : results) {
                ps.setString(1, r.targetId());
                Jdbc.setTime(ps, 2, r.at());
                ps.setString(3, r.outcome().name());
                ps.setLong(4, HourlyRollups.millis(r));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<Sample> samples(String targetId, Instant since) {
        return Jdbc.transaction(db.dataSource(), "check history samples", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT checked_at, outcome, response_ms "
                    + "FROM check_results WHERE target_id = ? AND checked_at >= ? ORDER BY checked_at")) {
                ps.setString(1, targetId);
                Jdbc.setTime(ps, 2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Sample> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Sample(Jdbc.time(rs, "checked_at"), Outcome.valueOf(rs.getString("outcome")),
                                rs.getLong("response_ms")));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Whole hours from {@code since} (rounded up to the hour) come from the roll-ups; the part of
     * the hour before that comes from raw results, as far as those are still kept.
     */
    @Override
    public Map<String, Uptime> uptime(Instant since) {
        Instant from = Jdbc.stored(since);
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
        if (firstHour.isBefore(from)) {
            firstHour = firstHour.plus(1, ChronoUnit.HOURS);
        }
        Instant wholeHours = firstHour;
        return Jdbc.transaction(db.dataSource(), "check history uptime", c -> {
            Map<String, Uptime> out = new HashMap<>();
            add(c, out, "SELECT target_id, SUM(checks), SUM(up) FROM check_hourly "
                    + "WHERE hour_start >= ? GROUP BY target_id", wholeHours, null);
            if (from.isBefore(wholeHours)) {
                add(c, out, "SELECT target_id, COUNT(*), SUM(CASE WHEN outcome IN ('FAIL', 'MITIGATED') THEN 0 ELSE 1 END) "
                        + "FROM check_results WHERE checked_at >= ? AND checked_at < ? GROUP BY target_id",
                        from, wholeHours);
            }
            return out;
        });
    }

    private static void add(Connection c, Map<String, Uptime> out, String sql, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setTime(ps, 1, from);
            if (to != null) {
                Jdbc.setTime(ps, 2, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getString(1), new Uptime(rs.getLong(2), rs.getLong(3)),
                            (a, b) -> new Uptime(a.checks() + b.checks(), a.up() + b.up()));
                }
            }
        }
    }

    @Override
    public void prune(Instant rawBefore, Instant hourlyBefore) {
        Jdbc.transaction(db.dataSource(), "check history prune", c -> {
            try (PreparedStatement raw = c.prepareStatement("DELETE FROM check_results WHERE checked_at < ?");
                 PreparedStatement hourly = c.prepareStatement("DELETE FROM check_hourly WHERE hour_start < ?")) {
                Jdbc.setTime(raw, 1, rawBefore);
                Jdbc.setTime(hourly, 1, hourlyBefore);
                return raw.executeUpdate() + hourly.executeUpdate();
            }
        });
    }
}
