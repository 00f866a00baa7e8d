package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DbSettingsTest {

    private static final Path DATA = Path.of("/var/lib/varde/data");
    private static final String EMBEDDED = "jdbc:h2:file:/var/lib/varde/data/varde"
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of(Named.of("nothing set: embedded H2", Map.of()), EMBEDDED, "varde", false),
                Arguments.of(Named.of("blank URL: embedded H2", Map.of("VARDE_DB_URL", "  ")), EMBEDDED, "varde", false),
                Arguments.of(Named.of("PostgreSQL with user", Map.of(
                        "VARDE_DB_URL", "jdbc:postgresql://db.internal:5432/varde",
                        "VARDE_DB_USER", "varde", "VARDE_DB_PASSWORD", "s3cret")),
                        "jdbc:postgresql://db.internal:5432/varde", "varde", true),
                Arguments.of(Named.of("PostgreSQL, user from the URL", Map.of(
                        "VARDE_DB_URL", "jdbc:postgresql://db/varde?user=varde")),
                        "jdbc:postgresql://db/varde?user=varde", null, true),
                Arguments.of(Named.of("another H2 database", Map.of("VARDE_DB_URL", "jdbc:h2:file:/srv/v")),
                        "jdbc:h2:file:/srv/v", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void fromEnvironment(Map<String, String> env, String url, String user, boolean postgres) {
        DbSettings s = DbSettings.fromEnv(env, DATA);
        assertThat(s.url()).isEqualTo(url);
        assertThat(s.user()).isEqualTo(user);
        assertThat(s.postgres()).isEqualTo(postgres);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:mysql://db/varde", "jdbc:sqlite:/tmp/v.db", "postgresql://db/varde"})
    void otherDatabasesAreRefusedClearly(String url) {
        assertThatThrownBy(() -> DbSettings.fromEnv(Map.of("VARDE_DB_URL", url), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("only jdbc:h2: and jdbc:postgresql: URLs are supported");
    }

    static Stream<Arguments> urlsWithCredentials() {
        return Stream.of(
                Arguments.of(Named.of("password parameter", "jdbc:postgresql://db/varde?user=v&password=s3cret&ssl=true"),
                        "jdbc:postgresql://db/varde?user=v&password=***&ssl=true"),
                Arguments.of(Named.of("user info", "jdbc:postgresql://v:s3cret@db/varde"),
                        "jdbc:postgresql://***@db/varde"),
                Arguments.of(Named.of("H2 setting", "jdbc:h2:file:/srv/v;USER=v;PASSWORD=s3cret;WRITE_DELAY=0"),
                        "jdbc:h2:file:/srv/v;USER=v;PASSWORD=***;WRITE_DELAY=0"),
                Arguments.of(Named.of("nothing to hide", "jdbc:postgresql://db:5432/varde"),
                        "jdbc:postgresql://db:5432/varde"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsWithCredentials")
    void loggableUrlHidesCredentials(String url, String loggable) {
        assertThat(new DbSettings(url, null, null).loggableUrl()).isEqualTo(loggable);
    }

    @Test
    void toStringNeverShowsThePassword() {
        DbSettings s = new DbSettings("jdbc:postgresql://db/varde?password=inurl", "varde", "s3cret");
        assertThat(s.toString()).contains("varde").doesNotContain("s3cret").doesNotContain("inurl");
    }

    @Test
    void anUnreachableDatabaseFailsWithTheUrlButNotThePassword() {
        DbSettings s = new DbSettings("jdbc:postgresql://127.0.0.1:1/varde?connectTimeout=1", "varde", "s3cret");
        assertThatThrownBy(() -> Database.open(s))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theH2FileIsWhereTheUrlSaysAndNoneForOtherDatabases() {
        assertThat(DbSettings.embedded(DATA).h2File()).contains(DATA.resolve("varde"));
        assertThat(new DbSettings("jdbc:h2:/srv/v;MODE=PostgreSQL", null, null).h2File()).contains(Path.of("/srv/v"));
        assertThat(new DbSettings("jdbc:h2:~/v", null, null).h2File())
                .contains(Path.of(System.getProperty("user.home"), "v"));
        assertThat(new DbSettings("jdbc:h2:mem:replay", null, null).h2File()).isEmpty();
        assertThat(new DbSettings("jdbc:h2:tcp://db/varde", null, null).h2File()).isEmpty();
        assertThat(new DbSettings("jdbc:postgresql://db/varde", null, null).h2File()).isEmpty();
    }

    @Test
    void aSecondProcessOnTheDataDirectoryIsToldSoInOneLine() {
        assertThat(Database.alreadyOpenMessage(DATA.resolve("varde"))).isEqualTo("another Varde is running on "
                + "the data directory /var/lib/varde/data (H2 is single-node; a cluster needs PostgreSQL: "
                + "set VARDE_DB_URL, see docs/OPERATIONS.md)");
    }
}
