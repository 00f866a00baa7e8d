package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varde run} with a node name that cannot be one: refused as a configuration error, before anything starts. */
class RunNodeNameTest {

    @TempDir
    Path dir;

    @Test
    void aBadNodeNameIsAnEnvironmentErrorAndNothingStarts() throws Exception {
        Path data = dir.resolve("data");
        Path rules = LocalSite.rules(dir, "local-web", "http://127.0.0.1:9/health");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("VARDE_DATA_DIR", data.toString(), "VARDE_HTTP_PORT", "0",
                "VARDE_NODE_NAME", "node one");

        int status = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.execute(
                new String[] {"run", "--rules", rules.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).first().asString()
                .startsWith("(environment): VARDE_NODE_NAME: \"node one\" is not a node name");
        assertThat(data).as("no database was created").satisfies(d -> assertThat(Files.exists(d.resolve("varde.mv.db"))).isFalse());
    }
}
