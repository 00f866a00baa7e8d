package io.varde.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases for the store tests: a real PostgreSQL, and emptying tables between tests. */
final class TestDatabases {

    /** Children before parents, so foreign keys never object. */
    private static final String[] TABLES = {
        "delivery_log", "message_refs", "outbox", "timeline_entries", "incidents", "mutes",
        "target_states", "check_results", "check_hourly"
    };

    private TestDatabases() {
    }

    /** Deletes every row of every table; sequences go on (numbers are never reused). */
    static void clean(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many other sessions are blocked: waiting for a lock (PostgreSQL), or in the middle of a
     * statement (H2, which does not report row-lock waits; while the test waits, a running
     * statement is one that waits).
     */
    static int blockedSessions(Database db) {
        String sql = db.postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE SESSION_STATE = 'RUNNING' AND SESSION_ID <> SESSION_ID()";
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real PostgreSQL 14 on 127.0.0.1 and an ephemeral port, migrated. Close after the class. */
    static final class Postgres implements AutoCloseable {
        private final EmbeddedPostgres server;
        private final Database db;

        private Postgres(EmbeddedPostgres server, Database db) {
            this.server = server;
            this.db = db;
        }

        static Postgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
                String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
                return new Postgres(server, Database.open(new DbSettings(url, "postgres", null)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Database db() {
            return db;
        }

        @Override
        public void close() throws IOException {
            db.close();
            server.close();
        }
    }
}
