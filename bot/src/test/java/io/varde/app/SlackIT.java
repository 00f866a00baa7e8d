package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar with Slack on in HTTP mode, as the README's variables set it up, against a fake
 * Slack on 127.0.0.1: a site goes down and the alert appears in the default channel; a lead's
 * signed {@code /varde ack} to {@code /slack/events} on Varde's own web server acknowledges it and
 * the message is edited; a forged request is refused; {@code /readyz} reports Slack.
 */
class SlackIT {

    private static final String SECRET = "it-signing-secret-0000000000";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anAlertInSlackIsAcknowledgedWithTheSlashCommandThroughVardesWebServer() throws Exception {
        HttpServer site = LocalSite.start(0, "/health", "{\"status\":\"UP\"}");
        Path rules = LocalSite.rules(dir, "local-web", "http://127.0.0.1:" + site.getAddress().getPort() + "/health");
        Files.writeString(rules.resolve("team.yaml"), "roles:\n  leads: [slack:U0LEAD]\n");
        try (FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT);
             VardeProcess varde = VardeProcess.start(Map.of("VARDE_DATA_DIR", dir.resolve("data").toString(),
                     "VARDE_HTTP_PORT", "0", "SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", SECRET,
                     "VARDE_SLACK_API_URL", slack.apiUrl(), "SLACK_DEFAULT_CHANNEL", "C0OPS"),
                     "run", "--rules", rules.toString())) {
            String base = varde.webBase(WAIT);

            site.stop(0);
            FakeSlack.Message alert = slack.awaitMessage("C0OPS", m -> m.text().contains("local-web is DOWN"), WAIT);
            assertThat(alert.blocks().toString()).contains("\"ack INC-1\"");

            String body = SlackRequests.slashCommand("/varde", "ack INC-1", "U0LEAD", "lea", "C0OPS",
                    slack.responseUrl("ack"));
            HttpResponse<String> forged = post(base, body, "a-guess-at-the-secret");
            assertThat(forged.statusCode()).isEqualTo(401);
            HttpResponse<String> acked = post(base, body, SECRET);
            assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
            assertThat(acked.body()).contains("\"response_type\":\"in_channel\"").contains("INC-1");

            slack.awaitMessage("C0OPS", m -> m.ts().equals(alert.ts())
                    && m.blocks().toString().contains("Acknowledged by lea (slack)"), WAIT);
            assertThat(slack.awaitReplies("C0OPS", alert.ts(), 1, WAIT).get(0).text())
                    .contains("acknowledged by lea (slack)");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.body()).contains("\"slack\"");
            assertThat(String.join("\n", varde.errLines())).doesNotContain(FakeTokens.SLACK_BOT).doesNotContain(SECRET);
        }
    }

    private static HttpResponse<String> post(String base, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        SlackRequests.signedHeaders(secret, Instant.now().getEpochSecond(), body).forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
