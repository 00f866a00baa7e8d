package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code varde run} on a database a newer Varde migrated (a rolling upgrade, this node not yet
 * upgraded): it does not start, says why and what to do on standard error, and exits 1.
 */
class RunOnNewerSchemaTest {

    @TempDir
    Path dir;

    @Test
    void runRefusesAndSaysToUpgradeThisNode() throws Exception {
        Path data = dir.resolve("data");
        DbSettings db = DbSettings.embedded(data);
        Database.open(db).close();
        Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration", "classpath:db/future").load().migrate();
        Path rules = LocalSite.rules(dir, "local-web", "http://127.0.0.1:9/health");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Map<String, String> env = Map.of("VARDE_DATA_DIR", data.toString(), "VARDE_HTTP_PORT", "0");
        int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.execute(
                new String[] {"run", "--rules", rules.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .anyMatch(l -> l.startsWith("varde: cannot start: the database schema is at version 99, newer than "
                        + "this Varde (it knows up to ") && l.endsWith("): upgrade this node to the version the other "
                        + "nodes run (docs/OPERATIONS.md, \"Upgrades\")"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
