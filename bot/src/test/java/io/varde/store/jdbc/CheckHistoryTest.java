package io.varde.store.jdbc;

import static io.varde.check.Outcome.FAIL;
import static io.varde.check.Outcome.OK;
import static io.varde.check.Outcome.SLOW;
import static io.varde.store.jdbc.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckResult;
import io.varde.detect.CheckHistory.Sample;
import io.varde.detect.CheckHistory.Uptime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcCheckHistory} must do, on H2 and on PostgreSQL. */
class CheckHistoryTest extends OnBothDatabases {

    /** The start of a UTC hour. */
    static final Instant H10 = Instant.parse("2025-03-01T10:00:00Z");
    static final Instant H11 = H10.plus(Duration.ofHours(1));
    static final Instant H12 = H10.plus(Duration.ofHours(2));

    JdbcCheckHistory history;

    @BeforeEach
    void emptyDatabase() {
        TestDatabases.clean(db());
        history = new JdbcCheckHistory(db());
    }

    static Instant at(Instant hour, int minutes) {
        return hour.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void samplesAreOneTargetsResultsSinceATimeOldestFirst() {
        history.record(List.of(
                result("borger-dk", at(H10, 40), SLOW, 900),
                result("skat-dk", at(H10, 5), FAIL, 10_000),
                result("borger-dk", at(H10, 10), OK, 120),
                result("borger-dk", at(H10, -30), OK, 110)));

        assertThat(history.samples("borger-dk", H10)).containsExactly(
                new Sample(at(H10, 10), OK, 120), new Sample(at(H10, 40), SLOW, 900));
        assertThat(history.samples("skat-dk", H10)).containsExactly(new Sample(at(H10, 5), FAIL, 10_000));
        assertThat(history.samples("unknown", H10)).isEmpty();
    }

    @Test
    void uptimeCountsEveryCheckThatDidNotFailAcrossHoursAndCalls() {
        history.record(List.of(result("borger-dk", at(H10, 1), OK, 100),
                result("borger-dk", at(H10, 2), FAIL, 10_000),
                result("skat-dk", at(H10, 3), SLOW, 2_000)));
        history.record(List.of(result("borger-dk", at(H10, 59), SLOW, 1_500),
                result("borger-dk", at(H11, 0), OK, 90)));
        history.record(List.of());

        assertThat(history.uptime(H10)).containsOnly(
                Map.entry("borger-dk", new Uptime(4, 3)),
                Map.entry("skat-dk", new Uptime(1, 1)));
        assertThat(history.uptime(H11)).containsOnly(Map.entry("borger-dk", new Uptime(1, 1)));
        assertThat(history.uptime(H12)).isEmpty();
        assertThat(history.uptime(H10).get("borger-dk").ratio()).isEqualTo(0.75);
    }

    @Test
    void uptimeFromTheMiddleOfAnHourTakesThatPartFromRawResults() {
        history.record(List.of(result("borger-dk", at(H10, 10), FAIL, 10_000),
                result("borger-dk", at(H10, 40), OK, 100),
                result("borger-dk", at(H10, 50), FAIL, 10_000),
                result("borger-dk", at(H11, 20), OK, 100)));

        assertThat(history.uptime(at(H10, 30))).containsOnly(Map.entry("borger-dk", new Uptime(3, 2)));
    }

    @Test
    void rollupsKeepLatencySumAndMaximum() throws SQLException {
        history.record(List.of(result("borger-dk", at(H10, 1), OK, 100),
                result("borger-dk", at(H10, 2), FAIL, 10_000)));
        history.record(List.of(result("borger-dk", at(H10, 3), SLOW, 2_000),
                result("borger-dk", at(H11, 3), OK, 50)));

        assertThat(latency("borger-dk", H10)).containsExactly(3L, 12_100L, 10_000L);
        assertThat(latency("borger-dk", H11)).containsExactly(1L, 50L, 50L);
    }

    @Test
    void pruneDropsRawAndHourlyRowsBeforeTheirCutOffs() {
        history.record(List.of(result("borger-dk", at(H10, 10), OK, 100),
                result("borger-dk", at(H11, 10), FAIL, 10_000),
                result("borger-dk", at(H12, 10), OK, 100)));

        history.prune(H12, H11);

        assertThat(history.samples("borger-dk", H10)).extracting(Sample::at).containsExactly(at(H12, 10));
        assertThat(history.uptime(H10)).containsOnly(Map.entry("borger-dk", new Uptime(2, 1)));
    }

    @Test
    void aLargeBatchOfManyTargetsIsStoredWhole() {
        List<CheckResult> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            batch.add(result("target-" + i, at(H10, i % 60), i % 10 == 0 ? FAIL : OK, i));
            batch.add(result("target-" + i, at(H11, i % 60), OK, i));
        }
        history.record(batch);

        assertThat(history.uptime(H10)).hasSize(600)
                .containsEntry("target-10", new Uptime(2, 1))
                .containsEntry("target-11", new Uptime(2, 2));
        assertThat(history.samples("target-599", H10)).hasSize(2);
    }

    /**
     * Another writer adds the first roll-up of the same target and hour and commits only after
     * this one found no row and tried to insert its own: this one must retry and add to that row,
     * losing no count.
     */
    @Test
    void aConcurrentFirstWriterOfTheSameHourLosesNoCount() throws Exception {
        try (Connection other = db().dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("INSERT INTO check_hourly (target_id, hour_start, "
                    + "checks, up, latency_sum_ms, latency_max_ms) VALUES ('borger-dk', ?, 5, 5, 500, 100)")) {
                ps.setObject(1, H10.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            CompletableFuture<Void> recorded = TestDatabases.startAndAwaitLockWait(db(), () -> {
                history.record(List.of(result("borger-dk", at(H10, 1), FAIL, 10_000)));
                return null;
            });
            other.commit();
            recorded.get(30, TimeUnit.SECONDS);
        }
        assertThat(history.uptime(H10)).containsOnly(Map.entry("borger-dk", new Uptime(6, 5)));
        assertThat(latency("borger-dk", H10)).containsExactly(6L, 10_500L, 10_000L);
    }

    /** checks, latency sum and maximum of one roll-up row, read directly. */
    private List<Long> latency(String target, Instant hour) throws SQLException {
        try (Connection c = db().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT checks, latency_sum_ms, latency_max_ms "
                     + "FROM check_hourly WHERE target_id = ? AND hour_start = ?")) {
            ps.setString(1, target);
            ps.setObject(2, hour.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a roll-up row for %s at %s", target, hour).isTrue();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
