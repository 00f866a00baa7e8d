package io.varde.bench;

import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return new StormDatabase(Database.open(new DbSettings(url, "postgres", null)), pg, dir,
                "PostgreSQL 14 (embedded) " + url);
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
