package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * Rolling upgrades, on H2 and PostgreSQL: a node never runs on a schema a newer node migrated
 * (Flyway alone would ignore the migrations it does not know), a database at this version or an
 * older one opens (and is migrated), and nodes starting together migrate once. Each test has a
 * database of its own.
 */
class SchemaVersionGuardTest extends OnBothDatabases {

    /** Flyway with the jar's migrations and, when {@code future}, the test-only {@code db/future} (V99). */
    private static Flyway flyway(DbSettings s, boolean future) {
        var config = Flyway.configure().dataSource(s.url(), s.user(), s.password());
        String[] jar = Database.migrations(s.postgres());
        String[] withFuture = java.util.Arrays.copyOf(jar, jar.length + 1);
        withFuture[jar.length] = "classpath:db/future";
        return config.locations(future ? withFuture : jar).load();
    }

    /** The highest migration of this jar for the database, e.g. {@code 9}, from the names of its scripts. */
    private String latestInTheJar() throws Exception {
        List<String> dirs = kind == TestDatabases.Kind.POSTGRES ? List.of("/db/migration", "/db/postgresql")
                : List.of("/db/migration");
        MigrationVersion max = MigrationVersion.EMPTY;
        for (String dir : dirs) {
            try (Stream<Path> scripts = Files.list(Path.of(Database.class.getResource(dir).toURI()))) {
                MigrationVersion v = scripts.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                        .max(Comparator.naturalOrder()).orElseThrow();
                max = v.compareTo(max) > 0 ? v : max;
            }
        }
        return max.toString();
    }

    @Test
    void aDatabaseANewerVardeMigratedIsRefusedWithWhatToDo() throws Exception {
        DbSettings s = freshDatabase("newer_" + kind);
        Database.open(s).close();
        assertThat(flyway(s, true).migrate().migrationsExecuted).as("the newer node's V99").isEqualTo(1);

        assertThatThrownBy(() -> Database.open(s))
                .isInstanceOf(StoreException.class)
                .hasNoCause()
                .hasMessage("the database schema is at version 99, newer than this Varde (it knows up to "
                        + latestInTheJar() + "): upgrade this node to the version the other nodes run "
                        + "(docs/OPERATIONS.md, \"Upgrades\")");
        assertThat(flyway(s, true).info().current().getVersion().getVersion()).as("left as it was").isEqualTo("99");
    }

    @Test
    void aDatabaseAtThisVersionOpensAndAnOlderOneIsMigratedFirst() throws Exception {
        DbSettings s = freshDatabase("older_" + kind);
        Flyway.configure().dataSource(s.url(), s.user(), s.password()).locations(Database.migrations(s.postgres()))
                .target("5").load().migrate();

        try (Database db = Database.open(s)) {
            assertThat(schemaVersion(db)).as("migrated from 5").isEqualTo(latestInTheJar());
        }
        try (Database db = Database.open(s)) {
            assertThat(db.ping(java.time.Duration.ofSeconds(5))).as("at this version").isTrue();
        }
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        DbSettings s = freshDatabase("together_" + kind);
        int nodes = 3;
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<CompletableFuture<Database>> opened = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            opened.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return Database.open(s);
            }));
        }
        List<Database> dbs = new ArrayList<>();
        for (CompletableFuture<Database> f : opened) {
            dbs.add(f.get(120, TimeUnit.SECONDS));
        }
        try (Connection c = dbs.get(0).dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", COUNT(*) FROM \"flyway_schema_history\" "
                     + "WHERE \"version\" IS NOT NULL GROUP BY \"version\" ORDER BY \"version\"")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getInt(2)).as("version " + rs.getString(1) + " applied once").isEqualTo(1);
                applied.add(rs.getString(1));
            }
            assertThat(applied).as("every migration").hasSize(flyway(s, false).info().all().length);
        } finally {
            dbs.forEach(Database::close);
        }
    }

    private static String schemaVersion(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" "
                     + "WHERE \"success\" ORDER BY \"installed_rank\" DESC")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
