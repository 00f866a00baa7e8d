package io.varde.store.jdbc;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code check_hourly} roll-ups: a batch of results summed per target and UTC hour in
 * memory, then added to the stored rows (update; insert the rows that were not there).
 */
final class HourlyRollups {

    /** One target's results in one hour. */
    record Row(String targetId, Instant hour, long checks, long up, long latencySum, long latencyMax) {

        Row plus(Row o) {
            return new Row(targetId, hour, checks + o.checks, up + o.up, latencySum + o.latencySum,
                    Math.max(latencyMax, o.latencyMax));
        }
    }

    /** Rows in a fixed order (target, hour), so concurrent writers lock them in the same order. */
    private static final Comparator<Row> ORDER =
            Comparator.comparing(Row::targetId).thenComparing(Row::hour);

    private HourlyRollups() {
    }

    static long millis(CheckResult r) {
        return r.responseTime() == null ? 0 : r.responseTime().toMillis();
    }

    /** The results summed per target and hour. */
    static List<Row> of(List<CheckResult> results) {
        Map<String, Row> byKey = new HashMap<>();
        for (CheckResult r : results) {
            Instant hour = Jdbc.stored(r.at()).truncatedTo(ChronoUnit.HOURS);
            long ms = millis(r);
            Row one = new Row(r.targetId(), hour, 1, r.outcome().failed() ? 0 : 1, ms, ms);
            byKey.merge(r.targetId() + '\u0000' + hour, one, Row::plus);
        }
        List<Row> rows = new ArrayList<>(byKey.values());
        rows.sort(ORDER);
        return rows;
    }

    static void add(Connection c, List<Row> rows) throws SQLException {
        List<Row> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE check_hourly SET checks = checks + ?, "
                + "up = up + ?, latency_sum_ms = latency_sum_ms + ?, "
                + "latency_max_ms = GREATEST(latency_max_ms, ?) WHERE target_id = ? AND hour_start = ?")) {
            for (Row r : rows) {
                ps.setLong(1, r.checks());
                ps.setLong(2, r.up());
                ps.setLong(3, r.latencySum());
                ps.setLong(4, r.latencyMax());
                ps.setString(5, r.targetId());
                Jdbc.setTime(ps, 6, r.hour());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(rows.get(i));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO check_hourly (target_id, hour_start, "
                + "checks, up, latency_sum_ms, latency_max_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Row r : missing) {
                ps.setString(1, r.targetId());
                Jdbc.setTime(ps, 2, r.hour());
                ps.setLong(3, r.checks());
                ps.setLong(4, r.up());
                ps.setLong(5, r.latencySum());
                ps.setLong(6, r.latencyMax());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
