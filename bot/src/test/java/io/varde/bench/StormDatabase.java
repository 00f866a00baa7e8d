package io.varde.bench;

import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, migrated database for one storm: the embedded H2 file with the production options
 * ({@link DbSettings#embedded}) in a temporary directory, or an embedded PostgreSQL 14 on
 * 127.0.0.1 with durable commits ({@code synchronous_commit=on}, {@code fsync=on}; the embedded
 * server's own default turns synchronous commit off, which no production server would).
 */
final class StormDatabase implements AutoCloseable {

    private final Database db;
    private final EmbeddedPostgres postgres;
    private final Path dir;
    private final String description;

    private StormDatabase(Database db, EmbeddedPostgres postgres, Path dir, String description) {
        this.db = db;
        this.postgres = postgres;
        this.dir = dir;
        this.description = description;
    }

    static StormDatabase open(String kind) throws IOException {
        Path dir = Files.createTempDirectory("varde-storm-");
        if (kind.equals("h2")) {
            return new StormDatabase(Database.open(DbSettings.embedded(dir)), null, dir,
                    "H2 file " + dir.resolve("varde.mv.db"));
        }
        if (!kind.equals("postgres")) {
            throw new IllegalArgumentException("database must be h2 or postgres, not " + kind);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
        Database db = Database.open(new DbSettings(url, "postgres", null));
        return new StormDatabase(db, pg, dir, "PostgreSQL 14 (embedded) " + url + " " + settings(db));
    }

    /** The durability settings in force, so a figure always says what it was measured with. */
    private static String settings(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
            rs.next();
            return "synchronous_commit=" + rs.getString(1) + " fsync=" + rs.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Database db() {
        return db;
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        db.close();
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
