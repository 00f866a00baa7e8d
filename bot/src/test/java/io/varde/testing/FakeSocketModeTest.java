package io.varde.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.varde.testing.FakeSlack.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Bolt app in Socket Mode (Java-WebSocket backend) against {@link FakeSlack} and {@link FakeSocketMode}. */
class FakeSocketModeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<String> clicks = new CopyOnWriteArrayList<>();
    private FakeSlack fake;
    private FakeSocketMode sm;
    private Slack slack;
    private SocketModeApp socketApp;

    @BeforeEach
    void start() throws Exception {
        fake = FakeSlack.start(FakeTokens.SLACK_BOT);
        sm = FakeSocketMode.start();
        fake.attach(sm, FakeTokens.SLACK_APP);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
        App app = new App(AppConfig.builder().singleTeamBotToken(FakeTokens.SLACK_BOT).slack(slack).build());
        app.command("/varde", (req, ctx) -> ctx.ack("pong " + req.getPayload().getText()));
        app.blockAction("ack", (req, ctx) -> {
            clicks.add(req.getPayload().getActions().get(0).getValue() + " by " + req.getPayload().getUser().getId());
            return ctx.ack();
        });
        socketApp = new SocketModeApp(FakeTokens.SLACK_APP, SocketModeClient.Backend.JavaWebSocket, app);
        socketApp.startAsync();
    }

    @AfterEach
    void stop() throws Exception {
        socketApp.close();
        slack.close();
        sm.close();
        fake.close();
    }

    @Test
    void aSlashCommandEnvelopeIsAckedWithTheHandlersPayloadBeforeAndAfterAReconnect() {
        sm.awaitConnections(1, WAIT);
        assertThat(fake.calls()).filteredOn(c -> c.method().equals("apps.connections.open"))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.token()).isEqualTo(FakeTokens.SLACK_APP);
                    assertThat(c.error()).isNull();
                });

        String first = sm.send("slash_commands", command("status"));
        JsonNode ack = sm.awaitAck(first, WAIT);
        assertThat(ack.path("payload").path("text").asText()).isEqualTo("pong status");

        sm.disconnect();
        sm.awaitConnections(2, WAIT);
        String second = sm.send("slash_commands", command("incidents"));
        assertThat(sm.awaitAck(second, WAIT).path("payload").path("text").asText()).isEqualTo("pong incidents");
        assertThat(fake.calls()).extracting(Call::error).containsOnlyNulls();
    }

    @Test
    void aButtonClickEnvelopeReachesTheActionHandlerAndIsAcked() {
        sm.awaitConnections(1, WAIT);

        String id = sm.send("interactive", SlackRequests.blockActionPayload("ack", "INC-7", "U0ALICE", "C0ALERTS",
                "1764340000.000100", fake.responseUrl("click")));

        JsonNode ack = sm.awaitAck(id, WAIT);
        assertThat(ack.path("envelope_id").asText()).isEqualTo(id);
        assertThat(clicks).containsExactly("INC-7 by U0ALICE");
    }

    private JsonNode command(String text) {
        return SlackRequests.slashCommandPayload("/varde", text, "U0ALICE", "alice", "C0ALERTS",
                fake.responseUrl("cmd"));
    }
}
