package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcOnceKeys} on H2 and PostgreSQL: a key is new once, seen until it expires (inclusive),
 * new again after; nodes (several instances on one database) offering a key at the same moment
 * get exactly one yes; expired rows go in bounded batches, not on every call.
 */
class OnceKeysStoreTest extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123456Z");

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void clean() {
        TestDatabases.clean(db());
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aKeyIsNewOnceAndSeenUntilItExpiresThenNewAgain() {
        JdbcOnceKeys keys = new JdbcOnceKeys(db());
        Instant expiry = T0.plusSeconds(300);

        assertThat(keys.first("slack-signature:v0=a", expiry, T0)).isTrue();
        assertThat(keys.first("slack-signature:v0=a", expiry, T0.plusSeconds(20))).as("20 s later").isFalse();
        assertThat(keys.first("slack-signature:v0=a", expiry, expiry)).as("at its expiry").isFalse();
        assertThat(keys.first("slack-signature:v0=b", expiry, T0.plusSeconds(20))).as("another key").isTrue();

        Instant after = expiry.plusNanos(1_000);
        assertThat(keys.first("slack-signature:v0=a", after.plusSeconds(300), after)).as("after it").isTrue();
        assertThat(keys.first("slack-signature:v0=a", after.plusSeconds(300), after.plusSeconds(1)))
                .as("and remembered anew").isFalse();
    }

    @Test
    void anotherNodeOnTheDatabaseSeesTheKeyAndOnlyItsHashIsStored() throws SQLException {
        JdbcOnceKeys node1 = new JdbcOnceKeys(db());
        JdbcOnceKeys node2 = new JdbcOnceKeys(db());
        String key = "slack-signature:v0=" + "3f".repeat(32);

        assertThat(node1.first(key, T0.plusSeconds(300), T0)).isTrue();
        assertThat(node2.first(key, T0.plusSeconds(300), T0.plusSeconds(1))).isFalse();

        assertThat(rows("SELECT key_hash FROM once_keys")).containsExactly(JdbcOnceKeys.hash(key))
                .allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void nodesOfferingANewKeyAtOnceGetExactlyOneYes() throws Exception {
        List<JdbcOnceKeys> nodes = List.of(new JdbcOnceKeys(db()), new JdbcOnceKeys(db()));
        for (int k = 0; k < 20; k++) {
            String key = "race:" + k;
            assertThat(race(nodes, key, T0.plusSeconds(300), T0)).as(key).isEqualTo(1);
        }
    }

    @Test
    void nodesOfferingAnExpiredKeyAtOnceGetExactlyOneYes() throws Exception {
        List<JdbcOnceKeys> nodes = List.of(new JdbcOnceKeys(db()), new JdbcOnceKeys(db()));
        Instant later = T0.plusSeconds(600);
        for (int k = 0; k < 20; k++) {
            String key = "expired-race:" + k;
            assertThat(nodes.get(0).first(key, T0.plusSeconds(300), T0)).isTrue();
            assertThat(race(nodes, key, later.plusSeconds(300), later)).as(key).isEqualTo(1);
        }
    }

    /** Offers {@code key} from 8 threads (nodes in turn) released together; how many got a yes. */
    private int race(List<JdbcOnceKeys> nodes, String key, Instant expiresAt, Instant now) throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            JdbcOnceKeys node = nodes.get(i % nodes.size());
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return node.first(key, expiresAt, now);
            }, pool));
        }
        int yes = 0;
        for (CompletableFuture<Boolean> a : answers) {
            yes += a.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        return yes;
    }

    @Test
    void expiredRowsAreDeletedInBoundedBatchesNowAndThenNotOnEveryCall() throws SQLException {
        Instant expired = T0.plusSeconds(10);
        Instant live = T0.plusSeconds(3_600);
        insert("old-", 25, expired);
        insert("live-", 5, live);
        JdbcOnceKeys keys = new JdbcOnceKeys(db(), Duration.ofMinutes(1), 10);
        Instant now = T0.plusSeconds(60);

        keys.first("a", live, now);
        assertThat(count()).as("the first call deletes a batch of 10").isEqualTo(25 - 10 + 5 + 1);
        keys.first("b", live, now);
        assertThat(count()).as("a full batch: the next call takes another").isEqualTo(25 - 20 + 5 + 2);
        keys.first("c", live, now);
        assertThat(count()).as("the last 5").isEqualTo(5 + 3);

        insert("older-", 7, expired);
        keys.first("d", live, now.plusSeconds(59));
        assertThat(count()).as("not again within the minute").isEqualTo(5 + 4 + 7);
        keys.first("e", live, now.plusSeconds(60));
        assertThat(count()).as("a minute on").isEqualTo(5 + 5);
    }

    private void insert(String prefix, int n, Instant expiresAt) throws SQLException {
        try (Connection c = db().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO once_keys (key_hash, expires_at) VALUES (?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, JdbcOnceKeys.hash(prefix + i));
                Jdbc.setTime(ps, 2, expiresAt);
                ps.executeUpdate();
            }
        }
    }

    private int count() throws SQLException {
        return rows("SELECT key_hash FROM once_keys").size();
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
