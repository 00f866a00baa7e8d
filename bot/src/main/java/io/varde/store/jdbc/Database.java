package io.varde.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open database: a small HikariCP pool whose schema has been migrated by Flyway to the
 * latest version in {@code db/migration}. The stores of this package share one.
 * <p>
 * It refuses to open, with one plain sentence, what a node must not run on: a schema newer than
 * its migrations (another node was upgraded first; {@link #open}), and an embedded H2 file another
 * process has open (H2 is single-node).
 */
public final class Database implements AutoCloseable {

    /** Few writers (incident service, outbox worker, history) and short transactions. */
    static final int POOL_SIZE = 4;
    /** On PostgreSQL Quartz's clustered job store shares the pool too. */
    static final int POSTGRES_POOL_SIZE = 8;
    /** H2's {@code DATABASE_ALREADY_OPEN_1}: the file is locked by another process. */
    static final int H2_ALREADY_OPEN = 90020;
    static final String MIGRATIONS = "classpath:db/migration";
    /** PostgreSQL only: what cluster mode needs and a single H2 node does not (Quartz's tables, V9). */
    static final String POSTGRES_MIGRATIONS = "classpath:db/postgresql";

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /**
     * Opens the pool and migrates the schema.
     * <p>
     * Flyway alone would ignore applied migrations this jar does not have ("future" ones), so an
     * old node would run on a schema a newer node migrated. So the highest version applied is
     * compared with the highest this jar knows, before migrating and again after (a newer node
     * may have migrated while this one waited for Flyway's lock), and a newer database is refused.
     * <p>
     * Nodes starting together on PostgreSQL migrate once: Flyway applies pending migrations under
     * a PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock} on a key derived from
     * {@code flyway_schema_history}, retried while another session holds it) and reads the history
     * again inside the lock, so a node that waited finds the migrations applied and applies none
     * ({@code SchemaVersionGuardTest} starts three at once).
     *
     * @throws StoreException when the database cannot be reached or a migration fails; when the
     *                        schema is newer than this Varde; when the embedded H2 file is open in
     *                        another process. Those two say so in one sentence and have no cause.
     */
    public static Database open(DbSettings s) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(s.url());
        if (s.user() != null) {
            config.setUsername(s.user());
        }
        if (s.password() != null) {
            config.setPassword(s.password());
        }
        config.setMaximumPoolSize(s.postgres() ? POSTGRES_POOL_SIZE : POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("varde-db");
        config.setDriverClassName(s.postgres() ? "org.postgresql.Driver" : "org.h2.Driver");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            Optional<Path> h2File = s.postgres() ? Optional.empty() : s.h2File();
            if (h2File.isPresent() && h2AlreadyOpen(e)) {
                // H2's own lock: the .mv.db file is locked (FileChannel.tryLock) while a process has
                // it open, released by the OS when that process dies, even by SIGKILL. Enough; H2's
                // message (long, with "use the server mode") only at debug.
                log.debug("db locked url={} error=\"{}\"", s.loggableUrl(), e.getMessage());
                throw new StoreException(alreadyOpenMessage(h2File.get()), null);
            }
            throw new StoreException("cannot open database url=" + s.loggableUrl() + ": " + e.getMessage(), e);
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations(migrations(s.postgres()))
                    .load();
            refuseNewerSchema(flyway);
            MigrateResult result = flyway.migrate();
            refuseNewerSchema(flyway);
            log.info("db open url={} user={} vendor={} migrations_applied={} schema_version={}",
                    s.loggableUrl(), s.user(), s.postgres() ? "postgresql" : "h2",
                    result.migrationsExecuted, result.targetSchemaVersion);
        } catch (StoreException e) {
            ds.close();
            throw e;
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate database url=" + s.loggableUrl() + ": " + e.getMessage(), e);
        }
        return new Database(ds, s.postgres());
    }

    /** Where the migrations for the kind of database are. */
    static String[] migrations(boolean postgres) {
        return postgres ? new String[] {MIGRATIONS, POSTGRES_MIGRATIONS} : new String[] {MIGRATIONS};
    }

    /**
     * Throws when the highest version applied (in {@code flyway_schema_history}) is above the
     * highest migration of this jar; an empty or older database passes.
     */
    private static void refuseNewerSchema(Flyway flyway) {
        MigrationVersion applied = null;
        MigrationVersion known = null;
        for (MigrationInfo m : flyway.info().all()) {
            MigrationVersion v = m.getVersion();
            if (v == null) {
                continue; // a repeatable migration
            }
            if (m.getState().isApplied() && (applied == null || v.compareTo(applied) > 0)) {
                applied = v;
            }
            if (m.getState().isResolved() && (known == null || v.compareTo(known) > 0)) {
                known = v;
            }
        }
        if (applied != null && (known == null || applied.compareTo(known) > 0)) {
            throw new StoreException(newerSchemaMessage(applied.toString(), known == null ? "none" : known.toString()),
                    null);
        }
    }

    static String newerSchemaMessage(String applied, String known) {
        return "the database schema is at version " + applied + ", newer than this Varde (it knows up to "
                + known + "): upgrade this node to the version the other nodes run (docs/OPERATIONS.md, \"Upgrades\")";
    }

    static String alreadyOpenMessage(Path h2File) {
        Path dir = h2File.toAbsolutePath().getParent();
        return "another Varde is running on the data directory " + (dir == null ? h2File : dir)
                + " (H2 is single-node; a cluster needs PostgreSQL: set VARDE_DB_URL, see docs/OPERATIONS.md)";
    }

    /** True when H2 refused the connection because another process has the file open. */
    private static boolean h2AlreadyOpen(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True for PostgreSQL, false for H2: the few statements that differ ask. */
    public boolean postgres() {
        return postgres;
    }

    /** The SQL that draws the next value of {@code sequence}, as the two dialects spell it. */
    String nextValue(String sequence) {
        return postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
    }

    /**
     * True when the database answers {@code SELECT 1} within about {@code timeout} (seconds,
     * rounded up, at least 1); false when it does not or the pool is closed; never throws. For
     * {@code /readyz}: the caller bounds the wait for a connection from the pool itself.
     */
    public boolean ping(Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(seconds);
            st.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            log.debug("db ping failed error=\"{}\"", e.toString().replace('"', '\''));
            return false;
        }
    }

    /** Closes the pool; with an embedded H2 database, also the database (its last connection). */
    @Override
    public void close() {
        dataSource.close();
        log.info("db closed");
    }
}
