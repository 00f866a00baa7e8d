package io.varde.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Databases for the store tests: the two kinds to open, and emptying tables between tests. */
final class TestDatabases {

    /** Children before parents, so foreign keys never object. */
    private static final String[] TABLES = {
        "delivery_log", "message_refs", "outbox_in_flight", "outbox", "timeline_entries", "incident_targets", "incidents", "mutes",
        "target_states", "check_results", "check_hourly", "claim_targets", "claims", "task_lists",
        "once_keys", "cluster_events", "cluster_lease", "cluster_nodes", "target_reports"
    };
    /** Tables of the PostgreSQL-only migrations (db/postgresql: Quartz's clustered job store, V9). */
    private static final String[] POSTGRES_TABLES = {
        "check_tightening", "qrtz_fired_triggers", "qrtz_scheduler_state"
    };

    private TestDatabases() {
    }

    /** The databases Varde runs on; {@link #toString()} names one in test reports. */
    enum Kind {
        /** The embedded H2 file database, in a directory the caller deletes after closing. */
        H2 {
            @Override
            Opened open(Path tempDir) {
                return new H2File(Database.open(DbSettings.embedded(tempDir)), tempDir);
            }
        },
        /** A real PostgreSQL 14, started for this opening and stopped when it closes. */
        POSTGRES {
            @Override
            Opened open(Path tempDir) {
                return Postgres.start();
            }
        };

        /** A migrated, empty database of this kind; {@code tempDir} is used by H2 only. */
        abstract Opened open(Path tempDir);

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A migrated database and what serves it; closing it closes both. */
    interface Opened extends AutoCloseable {
        Database db();

        /**
         * Where a new, empty database of the same kind is, named {@code name} (a lowercase word, new
         * for this opening): for tests of what {@link Database#open} does to a database of its own.
         */
        DbSettings fresh(String name);

        @Override
        void close() throws IOException;
    }

    private record H2File(Database db, Path dir) implements Opened {
        @Override
        public DbSettings fresh(String name) {
            return DbSettings.embedded(dir.resolve(name));
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** Deletes every row of every table; sequences go on (numbers are never reused). */
    static void clean(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
            if (db.postgres()) {
                for (String table : POSTGRES_TABLES) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code work} on a new thread and returns once it waits for a lock another
     * transaction holds (or it finished, or 5 s passed). PostgreSQL reports lock waits in
     * {@code pg_stat_activity}. H2 waits inside the JVM, busy (its thread stays RUNNABLE, and
     * its session views report no blocker), so the thread's stack tells: in H2's transaction
     * layer on two samples in a row. Either way the tests' outcomes do not depend on the
     * interleaving; waiting only makes the contended one the one tested.
     */
    static <T> CompletableFuture<T> startAndAwaitLockWait(Database db, Supplier<T> work) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "lock-waiter");
        thread.start();
        // Well within H2's LOCK_TIMEOUT (10 s, DbSettings): if the wait is not seen by then, the
        // caller goes on anyway rather than let the waiter time out (the outcome must not depend on
        // the interleaving; the wait only makes the contended case the likely one).
        Instant deadline = Instant.now().plusSeconds(5);
        int seen = 0;
        while (!result.isDone() && Instant.now().isBefore(deadline)) {
            boolean waiting = db.postgres() ? postgresLockWaits(db) > 0 : inH2Transactions(thread);
            seen = waiting ? seen + 1 : 0;
            if (seen == 2) {
                break;
            }
            Thread.sleep(20);
        }
        return result;
    }

    private static boolean inH2Transactions(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("org.h2.mvstore.tx.") || c.startsWith("org.h2.mvstore.db.MVTable")) {
                return true;
            }
        }
        return false;
    }

    private static int postgresLockWaits(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real PostgreSQL 14 on 127.0.0.1 and an ephemeral port, migrated. Close after the class. */
    static final class Postgres implements Opened {
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

        @Override
        public Database db() {
            return db;
        }

        @Override
        public DbSettings fresh(String name) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain database name: " + name);
            }
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return new DbSettings("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name, "postgres", null);
        }

        @Override
        public void close() throws IOException {
            db.close();
            server.close();
        }
    }
}
