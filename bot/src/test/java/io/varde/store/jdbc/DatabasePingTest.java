package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#ping}: what {@code /readyz} asks about the database. */
class DatabasePingTest {

    @TempDir
    Path dir;

    @Test
    void anOpenDatabaseAnswers() {
        try (Database db = Database.open(DbSettings.embedded(dir))) {
            assertThat(db.ping(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void aClosedDatabaseDoesNotAnswerAndPingDoesNotThrow() {
        Database db = Database.open(DbSettings.embedded(dir));
        db.close();
        assertThat(db.ping(Duration.ofSeconds(1))).isFalse();
    }
}
