package io.varde.store.jdbc;

import io.varde.core.OnceKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OnceKeys} in the database ({@code once_keys}, see {@code V8__once_keys.sql}), so every
 * node of a cluster shares one memory: a Slack request run by one node is a replay at any other.
 * A key is stored as its SHA-256 only.
 * <p>
 * A key is new when its row can be inserted: the primary key decides between nodes (and threads)
 * offering it at once, exactly one insert succeeds. A unique violation means it was seen; an
 * expired row is then replaced by a conditional update ({@code expires_at < now}), which again
 * only one writer wins. Each statement commits on its own (a failed insert must not abort a
 * transaction on PostgreSQL). Expired rows are deleted now and then, at most once a minute per
 * process and at most {@value #PURGE_BATCH} rows at a time, from within {@link #first}: never a
 * long delete on a request's path, and nothing to schedule.
 */
public final class JdbcOnceKeys implements OnceKeys {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOnceKeys.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** How often expired rows are deleted, at most (per process). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** The most expired rows one purge deletes; a full batch makes the next call purge again. */
    static final int PURGE_BATCH = 1_000;

    private final Database db;
    private final Duration purgeEvery;
    private final int purgeBatch;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public JdbcOnceKeys(Database db) {
        this(db, PURGE_EVERY, PURGE_BATCH);
    }

    JdbcOnceKeys(Database db, Duration purgeEvery, int purgeBatch) {
        this.db = Objects.requireNonNull(db, "db");
        this.purgeEvery = Objects.requireNonNull(purgeEvery, "purgeEvery");
        if (purgeBatch < 1) {
            throw new IllegalArgumentException("purgeBatch must be at least 1: " + purgeBatch);
        }
        this.purgeBatch = purgeBatch;
    }

    /**
     * {@inheritDoc} Two statements for a new key (and a due purge now and then), a few more for a
     * key seen before.
     *
     * @throws StoreException when the database fails; nothing is known about the key then
     */
    @Override
    public boolean first(String key, Instant expiresAt, Instant now) {
        String hash = hash(key);
        purgeIfDue(now);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            // Twice at most: a row found expired may be deleted by a purge before the update
            // replaces it; then the insert is tried once more.
            for (int round = 0; round < 2; round++) {
                if (insert(c, hash, expiresAt)) {
                    return true;
                }
                if (replaceExpired(c, hash, expiresAt, now)) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StoreException("once key failed: " + e.getMessage(), e);
        }
    }

    /** True when the key's row was inserted; false on a unique violation (a row is there). */
    private static boolean insert(Connection c, String hash, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO once_keys (key_hash, expires_at) VALUES (?, ?)")) {
            ps.setString(1, hash);
            Jdbc.setTime(ps, 2, expiresAt);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** True when the key's row had expired at {@code now} and now lasts until {@code expiresAt}. */
    private static boolean replaceExpired(Connection c, String hash, Instant expiresAt, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE once_keys SET expires_at = ? WHERE key_hash = ? AND expires_at < ?")) {
            Jdbc.setTime(ps, 1, expiresAt);
            ps.setString(2, hash);
            Jdbc.setTime(ps, 3, now);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Deletes up to one batch of rows expired at {@code now} when the last purge of this process is
     * {@link #purgeEvery} ago (one caller at a time does it); a failure is logged, never thrown:
     * expired rows only take room.
     */
    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(purgeEvery))) {
            return;
        }
        // The expiry is checked again on the row itself, not only in the subquery: a row replaced
        // (made to last) by another writer meanwhile is not deleted.
        String sql = "DELETE FROM once_keys WHERE expires_at < ? AND key_hash IN (SELECT key_hash FROM once_keys "
                + "WHERE expires_at < ? ORDER BY expires_at FETCH FIRST " + purgeBatch + " ROWS ONLY)";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            Jdbc.setTime(ps, 1, now);
            Jdbc.setTime(ps, 2, now);
            int deleted = ps.executeUpdate();
            if (deleted >= purgeBatch) {
                nextPurge.set(now); // more are left: the next call deletes another batch
            }
            LOG.debug("event=once_keys_purged deleted={}", deleted);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("event=once_keys_purge_failed error=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''));
        }
    }

    /** The SHA-256 of the key's UTF-8 bytes, lowercase hex (64 characters). */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
