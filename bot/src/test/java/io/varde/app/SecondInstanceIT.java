package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code varde run} on one data directory, the real jar: the second refuses at start with one
 * line that says what to do (H2 is single-node) and exits non-zero, before it binds anything, and
 * the first goes on serving: its {@code /healthz} answers and {@code varde ctl} still reaches it
 * (a second that got as far as its ctl socket would have taken the first's over).
 */
class SecondInstanceIT {

    private static final Duration START = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private HttpServer site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void aSecondRunOnTheSameDataDirectoryRefusesInOneLineAndTheFirstKeepsRunning() throws Exception {
        site = LocalSite.start(0, "/health", "ok");
        Path rules = LocalSite.rules(dir, "local-web", "http://127.0.0.1:" + site.getAddress().getPort() + "/health");
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("VARDE_DATA_DIR", data.toString(), "VARDE_RULES_DIR", rules.toString());

        try (VardeProcess first = VardeProcess.start(env, "run")) {
            String base = first.webBase(START);
            first.awaitErr(l -> l.contains("event=started"), START, "the first started");

            VardeProcess.Finished second = VardeProcess.run(env, Duration.ofSeconds(20), "run");

            assertThat(second.status()).as(second.err()).isEqualTo(1);
            String refusal = "varde: cannot start: another Varde is running on the data directory " + data
                    + " (H2 is single-node; a cluster needs PostgreSQL: set VARDE_DB_URL, see docs/OPERATIONS.md)";
            assertThat(second.err().lines()).as(second.err()).contains(refusal);
            assertThat(second.err()).as("nothing of H2's own message")
                    .doesNotContain("server mode").doesNotContain("90020").doesNotContain("Exception")
                    .as("nothing bound").doesNotContain("event=web_listening");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            VardeProcess.Finished status = VardeProcess.run(env, Duration.ofSeconds(30), "ctl", "status");
            assertThat(status.status()).as(status.err()).isZero();
            assertThat(status.out()).as("the first answers").contains("1 target");
            assertThat(first.stderr()).noneMatch(l -> l.contains("event=stopping"));
        }
    }
}
