package io.varde.store.jdbc;

import io.varde.incident.Actor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The little JDBC plumbing every store shares: one transaction around some work, and the column
 * conventions (timestamps in UTC with microseconds, an actor as three columns).
 */
final class Jdbc {

    private Jdbc() {
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits. Any failure rolls everything back: an
     * {@link SQLException} becomes a {@link StoreException} naming {@code what}; a
     * {@link RuntimeException} or {@link Error} is rethrown as it is.
     */
    static <T> T transaction(DataSource ds, String what, SqlWork<T> work) {
        return transaction(ds, Fence.NONE, what, work);
    }

    /**
     * {@link #transaction(DataSource, String, SqlWork)} of a fenced store: {@code fence} is
     * checked first, on the transaction's connection; when it throws, nothing else runs and the
     * transaction rolls back ({@link FencedOff} rethrown as it is).
     */
    static <T> T transaction(DataSource ds, Fence fence, String what, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                fence.check(c);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * A timestamp as stored: UTC, truncated to microseconds (PostgreSQL's precision, and H2's
     * default), so that what is read back is exactly what was written on both databases.
     */
    static Instant stored(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    static void setTime(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(stored(at), ZoneOffset.UTC));
        }
    }

    /** The timestamp in {@code column}, or null. */
    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Sets {@code actor} (or three NULLs) at {@code index}, {@code index + 1}, {@code index + 2}. */
    static void setActor(PreparedStatement ps, int index, Actor actor) throws SQLException {
        ps.setString(index, actor == null ? null : actor.platform());
        ps.setString(index + 1, actor == null ? null : actor.id());
        ps.setString(index + 2, actor == null ? null : actor.name());
    }

    /** The actor in {@code <prefix>_platform}, {@code _id}, {@code _name}, or null when unset. */
    static Actor actor(ResultSet rs, String prefix) throws SQLException {
        String platform = rs.getString(prefix + "_platform");
        if (platform == null) {
            return null;
        }
        return new Actor(platform, rs.getString(prefix + "_id"), rs.getString(prefix + "_name"));
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
