package io.varde.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open database: a small HikariCP pool whose schema has been migrated by Flyway to the
 * latest version in {@code db/migration}. The stores of this package share one.
 */
public final class Database implements AutoCloseable {

    /** Few writers (incident service, outbox worker, history) and short transactions. */
    static final int POOL_SIZE = 4;

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreException when the database cannot be reached or a migration fails
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
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("varde-db");
        config.setDriverClassName(s.postgres() ? "org.postgresql.Driver" : "org.h2.Driver");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database url=" + s.loggableUrl() + ": " + e.getMessage(), e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("db open url={} user={} vendor={} migrations_applied={} schema_version={}",
                    s.loggableUrl(), s.user(), s.postgres() ? "postgresql" : "h2",
                    result.migrationsExecuted, result.targetSchemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate database url=" + s.loggableUrl() + ": " + e.getMessage(), e);
        }
        return new Database(ds, s.postgres());
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
