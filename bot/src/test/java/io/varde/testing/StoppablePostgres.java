package io.varde.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL (embedded, io.zonky) on 127.0.0.1 that a test stops and starts again, as a
 * database outage: {@link #stop} shuts it down ({@code pg_ctl stop -m fast}: every client
 * connection is cut with 57P01, new ones are refused), {@link #start} brings it back on the same
 * data directory and port, with every database and row as it was. Used by the cluster's outage
 * test ({@code ClusterIT}) and the chaos harness ({@code bench/cluster}); the server shared by the
 * other tests is never stopped. Thread-safe; user and password {@code postgres}.
 */
public final class StoppablePostgres implements AutoCloseable {

    /** The user (and password) of the embedded server. */
    public static final String USER = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private StoppablePostgres(Path dataDir, EmbeddedPostgres server) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = server.getPort();
    }

    /**
     * Starts a new server on a fresh data directory {@code dataDir} (created; the caller deletes it
     * after {@link #close}) and a free port, which it keeps across restarts.
     */
    public static StoppablePostgres open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return new StoppablePostgres(dataDir, builder(dataDir).start());
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir) {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false);
    }

    /** Its TCP port on 127.0.0.1, the same after every {@link #start}. */
    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new connection to {@code database}; fails while the server is stopped. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, USER);
    }

    /** Creates {@code name} (a plain lowercase word). */
    public void createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** True between a start and the next stop. */
    public synchronized boolean running() {
        return server != null;
    }

    /** Stops the server (an outage begins); returns how long stopping took. Stopped already: nothing. */
    public synchronized Duration stop() throws IOException {
        long t0 = System.nanoTime();
        if (server != null) {
            EmbeddedPostgres s = server;
            server = null;
            s.close();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * Starts the server again on its data directory and port (the outage ends); returns how long
     * starting took. Running already: nothing.
     */
    public synchronized Duration start() throws IOException {
        long t0 = System.nanoTime();
        if (server == null) {
            server = builder(dataDir).setPort(port).start();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops the server for good; the data directory stays for the caller to delete. */
    @Override
    public void close() throws IOException {
        stop();
    }
}
