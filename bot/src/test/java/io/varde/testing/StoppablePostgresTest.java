package io.varde.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outage helper: stopped, a connection is cut and a new one refused; started again, the rows are back. */
class StoppablePostgresTest {

    @TempDir
    Path dir;

    @Test
    void stopsAndStartsAgainOnTheSameDataAndPort() throws Exception {
        try (StoppablePostgres pg = StoppablePostgres.open(dir.resolve("pg"))) {
            int port = pg.port();
            pg.createDatabase("kept");
            try (Connection c = pg.connect("kept"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (i INT)");
                s.execute("INSERT INTO t VALUES (42)");
            }
            try (Connection held = pg.connect("kept")) {
                pg.stop();
                assertThat(pg.running()).isFalse();
                assertThatThrownBy(() -> held.createStatement().execute("SELECT 1"))
                        .as("a connection open when it stopped").isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> pg.connect("kept").close()).as("a new connection while stopped")
                    .isInstanceOf(SQLException.class);

            pg.start();
            assertThat(pg.running()).isTrue();
            assertThat(pg.port()).isEqualTo(port);
            assertThat(pg.jdbcUrl("kept")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/kept");
            try (Connection c = pg.connect("kept"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT i FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the row written before the stop").isEqualTo(42);
            }
        }
    }
}
