package io.varde.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SlackRequests} signs as Slack documents it, and Bolt in HTTP mode accepts and reads what it builds. */
class SlackRequestsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private FakeSlack fake;
    private Slack slack;
    private App app;

    @BeforeEach
    void start() {
        fake = FakeSlack.start(FakeTokens.SLACK_BOT);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
        app = new App(AppConfig.builder().singleTeamBotToken(FakeTokens.SLACK_BOT).signingSecret(SECRET).slack(slack).build());
        app.command("/varde", (req, ctx) -> {
            var p = req.getPayload();
            seen.add(String.join("|", p.getText(), p.getUserId(), p.getUserName(), p.getChannelId(), p.getTeamId(),
                    p.getResponseUrl(), p.getTriggerId()));
            return ctx.ack("pong");
        });
        app.blockAction("mute_1h", (req, ctx) -> {
            var p = req.getPayload();
            seen.add(String.join("|", p.getActions().get(0).getValue(), p.getUser().getId(), p.getChannel().getId(),
                    p.getContainer().getMessageTs(), p.getMessage().getTs(), p.getResponseUrl()));
            return ctx.ack();
        });
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void theSignatureMatchesSlacksDocumentedExample() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        Map<String, String> headers = SlackRequests.signedHeaders("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body);

        assertThat(headers).containsEntry("X-Slack-Signature",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
                .containsEntry("X-Slack-Request-Timestamp", "1531420618")
                .containsEntry("Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void boltVerifiesAndReadsASignedSlashCommand() throws Exception {
        String body = SlackRequests.slashCommand("/varde", "mute web-1 1h & more", "U0ALICE", "alice", "C0ALERTS",
                fake.responseUrl("cmd"));

        Response r = run(SECRET, Instant.now().getEpochSecond(), body);

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).contains("pong");
        assertThat(seen).containsExactly(String.join("|", "mute web-1 1h & more", "U0ALICE", "alice", "C0ALERTS",
                FakeSlack.TEAM_ID, fake.responseUrl("cmd"), "13345224609.738474920.8088930838d88f008e0"));
    }

    @Test
    void boltReadsASignedButtonClick() throws Exception {
        String body = SlackRequests.blockAction("mute_1h", "INC-7", "U0BOB", "C0ALERTS", "1764340000.000100",
                fake.responseUrl("click"));

        Response r = run(SECRET, Instant.now().getEpochSecond(), body);

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(seen).containsExactly(String.join("|", "INC-7", "U0BOB", "C0ALERTS", "1764340000.000100",
                "1764340000.000100", fake.responseUrl("click")));
    }

    @Test
    void boltRefusesAWrongSecretAndAStaleTimestamp() throws Exception {
        String body = SlackRequests.slashCommand("/varde", "status", "U0ALICE", "alice", "C0ALERTS",
                fake.responseUrl("cmd"));
        long now = Instant.now().getEpochSecond();

        assertThat(run("another-secret-0000000000000000", now, body).getStatusCode()).isEqualTo(401);
        assertThat(run(SECRET, now - 600, body).getStatusCode()).isEqualTo(401);
        assertThat(seen).isEmpty();
    }

    private Response run(String secret, long epochSeconds, String body) throws Exception {
        Map<String, List<String>> headers = SlackRequests.signedHeaders(secret, epochSeconds, body).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey(), e -> List.of(e.getValue())));
        SlackRequestParser.HttpRequest http = SlackRequestParser.HttpRequest.builder().requestUri("/slack/events")
                .queryString(Map.of()).requestBody(body).headers(new RequestHeaders(headers))
                .remoteAddress("127.0.0.1").build();
        return app.run(new SlackRequestParser(app.config()).parse(http));
    }
}
