package io.varde.testing;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.webhook.WebhookResponse;
import io.varde.testing.FakeSlack.Call;
import io.varde.testing.FakeSlack.Failure;
import io.varde.testing.FakeSlack.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Slack SDK against {@link FakeSlack}: what it sends is read right, and what it gets back it reads right. */
class FakeSlackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeSlack fake;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        fake = FakeSlack.start(FakeTokens.SLACK_BOT, Clock.fixed(Instant.parse("2025-11-28T14:00:00Z"), ZoneOffset.UTC));
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
        methods = slack.methods(FakeTokens.SLACK_BOT);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void aPostedAlertIsEditedInPlaceAndGetsThreadReplies() throws Exception {
        ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("C0ALERTS").text("example.org is DOWN")
                .blocks(List.of(section(s -> s.text(markdownText("*DOWN* example.org"))))));
        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo("C0ALERTS");
        assertThat(posted.getMessage().getBlocks()).hasSize(1);
        String ts = posted.getTs();

        ChatUpdateResponse updated = methods.chatUpdate(r -> r.channel("C0ALERTS").ts(ts).text("example.org is UP")
                .blocks(List.of(section(s -> s.text(markdownText("*RESOLVED* example.org"))))));
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getTs()).isEqualTo(ts);
        methods.chatPostMessage(r -> r.channel("C0ALERTS").threadTs(ts).text("Resolved after 4m"));

        List<Message> messages = fake.messages("C0ALERTS");
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("example.org is UP");
            assertThat(m.blocks().get(0).path("text").path("text").asText()).isEqualTo("*RESOLVED* example.org");
            assertThat(m.edits()).isEqualTo(1);
        });
        assertThat(fake.awaitReplies("C0ALERTS", ts, 1, WAIT)).extracting(Message::text, Message::threadTs)
                .containsExactly(tuple("Resolved after 4m", ts));
        assertThat(fake.replies("C0ALERTS", ts).get(0).ts()).isGreaterThan(ts);
        assertThat(fake.calls()).extracting(Call::method, Call::token, Call::error).containsExactly(
                tuple("chat.postMessage", FakeTokens.SLACK_BOT, null),
                tuple("chat.update", FakeTokens.SLACK_BOT, null),
                tuple("chat.postMessage", FakeTokens.SLACK_BOT, null));
    }

    @Test
    void anUnknownMessageCannotBeUpdated() throws Exception {
        ChatUpdateResponse r = methods.chatUpdate(u -> u.channel("C0ALERTS").ts("1.000001").text("x"));

        assertThat(r.isOk()).isFalse();
        assertThat(r.getError()).isEqualTo("message_not_found");
    }

    @Test
    void anEphemeralAnswerIsShownToItsUserOnly() throws Exception {
        ChatPostEphemeralResponse r = methods.chatPostEphemeral(e -> e.channel("C0ALERTS").user("U0ALICE")
                .text("you lack the responder role"));

        assertThat(r.getMessageTs()).isNotBlank();
        assertThat(fake.ephemerals("C0ALERTS", "U0ALICE")).extracting(Message::text)
                .containsExactly("you lack the responder role");
        assertThat(fake.ephemerals("C0ALERTS", "U0BOB")).isEmpty();
        assertThat(fake.messages("C0ALERTS")).isEmpty();
    }

    @Test
    void aScriptedRateLimitIsA429WithRetryAfterForTheSyncClientThenPostsWork() throws Exception {
        fake.failNext("chat.postMessage", Failure.rateLimited(7));

        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0ALERTS").text("first")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
                    assertThat(e.getError().getError()).isEqualTo("ratelimited");
                });
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS").text("second")).isOk()).isTrue();
        assertThat(fake.calls()).extracting(Call::httpStatus).containsExactly(429, 200);
        assertThat(fake.messages("C0ALERTS")).extracting(Message::text).containsExactly("second");
    }

    @Test
    void scriptedServerErrorsAndSlackErrorsAreUsedInOrder() throws Exception {
        fake.failNext("chat.postMessage", Failure.status(503));
        fake.failNext("chat.postMessage", Failure.error("fatal_error"));

        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0ALERTS").text("a")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(503));
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS").text("b")).getError()).isEqualTo("fatal_error");
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS").text("c")).isOk()).isTrue();
    }

    @Test
    void missingChannelsAndChannelsWithoutTheBotAreRefused() throws Exception {
        fake.missingChannel("C0GONE");
        fake.notInChannel("C0PRIVATE");

        assertThat(methods.chatPostMessage(r -> r.channel("C0GONE").text("x")).getError()).isEqualTo("channel_not_found");
        assertThat(methods.chatPostMessage(r -> r.channel("C0PRIVATE").text("x")).getError()).isEqualTo("not_in_channel");
        assertThat(fake.messages("C0GONE")).isEmpty();
    }

    @Test
    void aRevokedTokenAndAnUnknownTokenAreRefused() throws Exception {
        assertThat(methods.authTest(r -> r).getTeamId()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(slack.methods(FakeTokens.SLACK_OTHER_BOT).authTest(r -> r).getError()).isEqualTo("invalid_auth");

        fake.revoke();

        assertThat(methods.authTest(r -> r).getError()).isEqualTo("token_revoked");
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS").text("x")).getError()).isEqualTo("token_revoked");
    }

    @Test
    void postsFasterThanTheChannelLimitAreRefusedAndCounted() throws Exception {
        fake.limitPostsPerChannel(Duration.ofSeconds(1));

        assertThat(methods.chatPostMessage(r -> r.channel("C0A").text("1")).isOk()).isTrue();
        assertThat(methods.chatPostMessage(r -> r.channel("C0B").text("1")).isOk()).isTrue();
        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0A").text("2")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("1");
                });
        assertThat(fake.rateLimitViolations()).isEqualTo(1);
        assertThat(fake.messages("C0A")).hasSize(1);
    }

    @Test
    void aDelayedAnswerTakesEffectAndIsRecordedBeforeItIsAnswered() throws Exception {
        fake.delayAnswers(Duration.ofMillis(300), Duration.ofMillis(400));
        Thread caller = new Thread(() -> {
            try {
                methods.chatPostMessage(r -> r.channel("C0A").text("slow"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        caller.start();
        fake.awaitMessages("C0A", 1, WAIT);
        assertThat(fake.answering()).as("posted, not answered yet").isEqualTo(1);
        caller.join(WAIT.toMillis());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        for (int i = 0; i < 100 && fake.answering() > 0; i++) {
            Thread.sleep(10); // the count drops just after the answer is written
        }
        assertThat(fake.answering()).isZero();
        assertThat(fake.calls()).extracting(Call::method).containsExactly("chat.postMessage");
    }

    @Test
    void aResponseUrlPostIsRecorded() throws Exception {
        WebhookResponse r = new Responder(slack, fake.responseUrl("cmd-1"))
                .send(SlashCommandResponse.builder().responseType("ephemeral").text("3 targets down").build());

        assertThat(r.getCode()).isEqualTo(200);
        JsonNode body = fake.awaitResponse("cmd-1", WAIT);
        assertThat(body.path("text").asText()).isEqualTo("3 targets down");
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
    }

    @Test
    void aJsonBodyAndAnUnknownMethodAreUnderstood() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                .header("Authorization", "Bearer " + FakeTokens.SLACK_BOT).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"C0J\",\"text\":\"hi\",\"blocks\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"ok\":true");
        assertThat(fake.messages("C0J")).extracting(Message::text).containsExactly("hi");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "users.list"))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + FakeTokens.SLACK_BOT))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("unknown_method");
    }

    @Test
    void aWaitThatTimesOutSaysWhatItSaw() throws Exception {
        methods.chatPostMessage(r -> r.channel("C0ALERTS").text("only one"));

        assertThatThrownBy(() -> fake.awaitMessages("C0ALERTS", 2, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("2 messages in C0ALERTS")
                .hasMessageContaining("only one");
    }
}
