package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import io.varde.check.Target;
import io.varde.command.Reply;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import io.varde.testing.ChatStack;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeSocketMode;
import io.varde.testing.FakeTokens;
import io.varde.testing.SlackRequests;
import io.varde.testing.TestTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Bolt app against a local fake Slack, in HTTP mode (signed requests, as Slack sends
 * them to {@code /slack/events}) and over Socket Mode: the slash command and the alert buttons run
 * the command layer with the sender's role, and the living alert message follows each action.
 */
class SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Target> TARGETS = List.of(TestTargets.http("borger-dk"));

    @TempDir
    Path data;
    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT);
    private ChatStack stack;
    private FakeSocketMode socket;

    private ChatStack stack(String appToken) throws Exception {
        stack = new ChatStack(data, fake, Clock.systemUTC(), appToken, Duration.ofMillis(50), TARGETS);
        stack.worker.start(Clock.systemUTC());
        return stack;
    }

    @AfterEach
    void close() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (socket != null) {
            socket.close();
        }
        fake.close();
    }

    private SlackApp.Answer post(String body, String secret, long timestamp) {
        return send(body, SlackRequests.signedHeaders(secret, timestamp, body));
    }

    private SlackApp.Answer send(String body, Map<String, String> signedHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
        return stack.bot.http(body, headers, "127.0.0.1");
    }

    private SlackApp.Answer post(String body) {
        return post(body, ChatStack.SECRET, Instant.now().getEpochSecond());
    }

    private SlackApp.Answer slash(String user, String text) {
        return post(SlackRequests.slashCommand("/varde", text, user, user.toLowerCase(), ChatStack.CHANNEL,
                fake.responseUrl("cmd-" + user)));
    }

    private SlackApp.Answer click(FakeSlack.Message alert, String label, String user) {
        JsonNode button = null;
        for (JsonNode b : alert.blocks().findValues("elements").stream().flatMap(e -> e.findParents("action_id").stream()).toList()) {
            if (b.path("text").path("text").asText().equals(label)) {
                button = b;
            }
        }
        assertThat(button).as("button " + label + " on the alert").isNotNull();
        return post(SlackRequests.blockAction(button.path("action_id").asText(), button.path("value").asText(), user,
                ChatStack.CHANNEL, alert.ts(), fake.responseUrl("click-" + user)));
    }

    private FakeSlack.Message alert() {
        return fake.messages(ChatStack.CHANNEL).get(0);
    }

    private FakeSlack.Message awaitAlert(String contains) {
        return fake.awaitMessage(ChatStack.CHANNEL, m -> m.blocks().toString().contains(contains), WAIT);
    }

    private static JsonNode json(SlackApp.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    @Test
    void anAlertIsActedOnFromItsButtonsAndTheSlashCommandAndTheMessageFollows() throws Exception {
        stack(null);
        fake.userGroup("S0LEADS", List.of("U0GROUPLEAD"));
        stack.down(0, Instant.now());
        FakeSlack.Message posted = fake.awaitMessages(ChatStack.CHANNEL, 1, WAIT).get(0);
        assertThat(posted.text()).isEqualTo("CRITICAL: INC-1 · borger-dk is DOWN");

        assertThat(click(posted, "Acknowledge", "U0RESP").status()).isEqualTo(200);
        FakeSlack.Message acked = awaitAlert("Acknowledged by u0resp (slack)");
        assertThat(acked.ts()).isEqualTo(posted.ts());
        assertThat(acked.blocks().toString()).doesNotContain("\"Acknowledge\"").contains("\"Mute 1h\"");
        assertThat(fake.awaitReplies(ChatStack.CHANNEL, posted.ts(), 1, WAIT).get(0).text())
                .contains("acknowledged by u0resp (slack)");
        assertThat(fake.awaitResponse("click-U0RESP", WAIT).path("response_type").asText()).isEqualTo("ephemeral");

        SlackApp.Answer escalated = slash("U0GROUPLEAD", "escalate INC-1 nobody on it");
        assertThat(escalated.status()).isEqualTo(200);
        assertThat(json(escalated).path("response_type").asText()).as("an action is shown in the channel").isEqualTo("in_channel");
        List<FakeSlack.Message> thread = fake.awaitReplies(ChatStack.CHANNEL, posted.ts(), 2, WAIT);
        assertThat(thread.get(1).text()).contains("<!subteam^S0LEADS>");
        awaitAlert("level 1 of standard");

        assertThat(json(slash("U0LEAD", "resolve INC-1 fixed upstream")).path("response_type").asText()).isEqualTo("in_channel");
        FakeSlack.Message resolved = awaitAlert(":white_check_mark:");
        assertThat(resolved.blocks().toString()).contains("Resolved at").doesNotContain("\"actions\"");
        assertThat(fake.messages(ChatStack.CHANNEL)).as("one living message").hasSize(1);
    }

    @Test
    void aViewerClickingMuteIsRefusedToldAndRecordedAndTheAlertStaysAsItWas() throws Exception {
        stack(null);
        stack.down(0, Instant.now());
        FakeSlack.Message posted = fake.awaitMessages(ChatStack.CHANNEL, 1, WAIT).get(0);

        assertThat(click(posted, "Mute 1h", "U0VIEWER").status()).isEqualTo(200);

        JsonNode told = fake.awaitResponse("click-U0VIEWER", WAIT);
        assertThat(told.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(told.path("replace_original").asBoolean(true)).isFalse();
        assertThat(told.toString()).contains("mute needs the lead role");
        assertThat(stack.incidents.timeline(1)).extracting(TimelineEntry::action).contains(TimelineAction.DENIED);
        assertThat(stack.incidents.activeMutes(Instant.now())).isEmpty();
        assertThat(alert().edits()).isZero();
    }

    @Test
    void queriesAndMistakesAreAnsweredToTheCallerOnly() throws Exception {
        stack(null);

        JsonNode status = json(slash("U0VIEWER", "status"));
        JsonNode typo = json(slash("U0VIEWER", "stauts"));

        assertThat(status.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(status.path("blocks").toString()).contains("targets are fine");
        assertThat(typo.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(typo.toString()).contains("unknown command").contains("did you mean status?").contains("commands");
    }

    @Test
    void forgedStaleOrTamperedRequestsGet401AndRunNothing() throws Exception {
        stack(null);
        stack.down(0, Instant.now());
        String body = SlackRequests.slashCommand("/varde", "resolve INC-1", "U0LEAD", "lea", ChatStack.CHANNEL,
                fake.responseUrl("forged"));
        long now = Instant.now().getEpochSecond();

        SlackApp.Answer forged = post(body, "not-the-signing-secret-at-all", now);
        SlackApp.Answer stale = post(body, ChatStack.SECRET, now - 600);
        String altered = body.replace("resolve+INC-1", "resolve+INC-2");
        assertThat(altered).isNotEqualTo(body);
        SlackApp.Answer tampered = send(altered, SlackRequests.signedHeaders(ChatStack.SECRET, now, body));

        for (SlackApp.Answer a : List.of(forged, stale, tampered)) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(json(a).path("error").asText()).isEqualTo("invalid request");
        }
        assertThat(stack.incidents.incident(1).orElseThrow().resolved()).isFalse();
        assertThat(post(body, ChatStack.SECRET, now).status()).as("the same request, signed").isEqualTo(200);
        assertThat(stack.incidents.incident(1).orElseThrow().resolved()).isTrue();
    }

    @Test
    void aSlowCommandIsAcknowledgedAtOnceAndAnsweredThroughItsResponseUrl() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Reply answer = new Reply(Card.of("All quiet", Severity.INFO, List.of("0 targets down")), Reply.Visibility.CALLER);
        try (Slack slack = Slack.getInstance(fake.sdkConfig());
             SlackApp app = new SlackApp(slack, FakeTokens.SLACK_BOT, ChatStack.SECRET, "/varde", request -> {
                 try {
                     release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return answer;
             }, user -> List.of(), Duration.ofMillis(200), Clock.systemUTC())) {
            String body = SlackRequests.slashCommand("/varde", "status", "U0LEAD", "lea", ChatStack.CHANNEL,
                    fake.responseUrl("slow"));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            SlackRequests.signedHeaders(ChatStack.SECRET, Instant.now().getEpochSecond(), body)
                    .forEach((k, v) -> headers.put(k, List.of(v)));

            SlackApp.Answer ack = app.http(body, headers, "127.0.0.1");
            assertThat(ack.status()).isEqualTo(200);
            assertThat(json(ack).path("text").asText()).isEqualTo("Working on `status`…");
            assertThat(fake.responses("slow")).isEmpty();

            release.countDown();
            JsonNode followUp = fake.awaitResponse("slow", WAIT);
            assertThat(followUp.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(followUp.toString()).contains("All quiet").contains("0 targets down");
        }
    }

    @Test
    void overSocketModeEnvelopesAreAckedWithTheirAnswerAndButtonsAct() throws Exception {
        socket = FakeSocketMode.start();
        fake.attach(socket, FakeTokens.SLACK_APP);
        stack(FakeTokens.SLACK_APP);
        socket.awaitConnections(1, WAIT);
        stack.down(0, Instant.now());
        FakeSlack.Message posted = fake.awaitMessages(ChatStack.CHANNEL, 1, WAIT).get(0);

        String help = socket.send("slash_commands", SlackRequests.slashCommandPayload("/varde", "help", "U0VIEWER",
                "vera", ChatStack.CHANNEL, fake.responseUrl("sm-help")));
        JsonNode ack = socket.awaitAck(help, WAIT);
        assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.path("payload").toString()).contains("Varde commands");

        String click = socket.send("interactive", SlackRequests.blockActionPayload("varde-0", "ack INC-1", "U0LEAD",
                ChatStack.CHANNEL, posted.ts(), fake.responseUrl("sm-click")));
        assertThat(socket.awaitAck(click, WAIT).path("envelope_id").asText()).isEqualTo(click);
        awaitAlert("Acknowledged by u0lead (slack)");
        assertThat(stack.bot.problems()).isEmpty();
    }
}
