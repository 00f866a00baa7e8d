package io.varde.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.Refusals;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeSlack.Failure;
import io.varde.testing.FakeTokens;
import io.varde.testing.TestTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real Slack SDK against a local fake Slack: one living message per incident, edited in
 * place with thread replies, and every answer of Slack classified for the delivery worker.
 */
class SlackNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT);
    private final Slack slack = Slack.getInstance(fake.sdkConfig());
    private final Refusals health = new Refusals("slack");
    private final SlackNotifier notifier = new SlackNotifier(slack.methods(FakeTokens.SLACK_BOT), health,
            Clock.fixed(TestTargets.T0, ZoneOffset.UTC));

    @AfterEach
    void close() throws Exception {
        slack.close();
        fake.close();
    }

    static Card down() {
        return new Card("borger.dk is DOWN", Severity.CRITICAL,
                List.of(new Card.Field("State", "Open"), new Card.Field("Targets", "borger-dk")),
                List.of("borger.dk (borger-dk): DOWN since 2025-11-13 08:00 UTC, [STATUS] == 200 (observed 503)",
                        "C-4: claimed by NoName057(16) <script> & co"),
                List.of(new Card.Button("Acknowledge", "ack INC-3", Card.Style.PRIMARY),
                        new Card.Button("Mute 1h", "mute INC-3 1h", Card.Style.DEFAULT),
                        new Card.Button("Escalate", "escalate INC-3", Card.Style.DANGER)));
    }

    static OutboxMessage message(int revision, Card card, String change, List<String> mentions) {
        return new OutboxMessage(revision, 3, revision, "slack:C0OPS", card, change, mentions,
                TestTargets.T0.plusSeconds(revision));
    }

    private String send(OutboxMessage m, String ref) throws DeliveryException {
        return notifier.send(new Delivery(m, "C0OPS", ref));
    }

    @Test
    void anAlertIsPostedWithItsBlocks() throws Exception {
        String ts = send(message(1, down(), "opened", List.of()), null);

        FakeSlack.Message posted = fake.awaitMessages("C0OPS", 1, WAIT).get(0);
        assertThat(posted.ts()).isEqualTo(ts);
        assertThat(posted.text()).isEqualTo("CRITICAL: INC-3 · borger.dk is DOWN");
        JsonNode blocks = posted.blocks();
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(":red_circle: INC-3 · borger.dk is DOWN");
        assertThat(blocks.get(1).path("fields")).extracting(f -> f.path("text").asText())
                .containsExactly("*State*\nOpen", "*Targets*\nborger-dk");
        assertThat(blocks.get(2).path("text").path("text").asText())
                .contains("[STATUS] == 200 (observed 503)")
                .contains("claimed by NoName057(16) &lt;script&gt; &amp; co");
        assertThat(blocks.get(3).toString()).contains("CRITICAL · revision 1 · 2025-11-13 08:00 UTC");
        JsonNode buttons = blocks.get(4).path("elements");
        assertThat(buttons).extracting(b -> b.path("action_id").asText() + "=" + b.path("value").asText()
                        + "/" + b.path("style").asText(""))
                .containsExactly("varde-0=ack INC-3/primary", "varde-1=mute INC-3 1h/", "varde-2=escalate INC-3/danger");
        assertThat(fake.calls()).filteredOn(c -> c.method().equals("chat.postMessage"))
                .singleElement().satisfies(c -> assertThat(c.params()).containsEntry("unfurl_links", "0"));
    }

    @Test
    void laterRevisionsEditTheMessageAndReplyInItsThreadUntilItShowsResolved() throws Exception {
        String ts = send(message(1, down(), "opened", List.of()), null);
        Card acked = new Card("borger.dk is DOWN", Severity.CRITICAL,
                List.of(new Card.Field("State", "Acknowledged by lea (slack) at 2025-11-13 08:03 UTC")), List.of(),
                List.of(new Card.Button("Mute 1h", "mute INC-3 1h", Card.Style.DEFAULT)));
        assertThat(send(message(2, acked, "acknowledged by lea (slack)", List.of()), ts)).isEqualTo(ts);
        assertThat(send(message(3, acked, "escalated to level 1", List.of("slack-group:S0LEADS", "discord-role:42")),
                ts)).isEqualTo(ts);
        Card resolved = new Card("borger.dk is DOWN", Severity.RESOLVED,
                List.of(new Card.Field("State", "Resolved at 2025-11-13 08:10 UTC after 10m")), List.of(), List.of());
        send(message(4, resolved, "resolved: borger-dk is UP", List.of()), ts);

        FakeSlack.Message message = fake.messages("C0OPS").get(0);
        assertThat(fake.messages("C0OPS")).hasSize(1);
        assertThat(message.edits()).isEqualTo(3);
        assertThat(message.blocks().get(0).path("text").path("text").asText())
                .isEqualTo(":white_check_mark: INC-3 · borger.dk is DOWN");
        assertThat(message.blocks().toString()).contains("Resolved at 2025-11-13 08:10 UTC").doesNotContain("\"actions\"");
        assertThat(fake.replies("C0OPS", ts)).extracting(FakeSlack.Message::text).containsExactly(
                "acknowledged by lea (slack)", "escalated to level 1 <!subteam^S0LEADS>", "resolved: borger-dk is UP");
        assertThat(fake.calls()).filteredOn(c -> "escalated to level 1 <!subteam^S0LEADS>".equals(c.params().get("text")))
                .singleElement().satisfies(c -> assertThat(c.params()).containsEntry("reply_broadcast", "1"));
    }

    @Test
    void aFirstPostWithMentionsNamesThemUnderItsHeader() throws Exception {
        send(message(3, down(), "escalated to level 1", List.of("slack:U0LEA", "slack-group:S0LEADS", "discord:1")), null);

        FakeSlack.Message posted = fake.awaitMessages("C0OPS", 1, WAIT).get(0);
        assertThat(posted.blocks().get(1).path("text").path("text").asText()).isEqualTo("<@U0LEA> <!subteam^S0LEADS>");
        assertThat(posted.text()).endsWith("<@U0LEA> <!subteam^S0LEADS>");
    }

    @Test
    void aMessageDeletedInSlackIsPostedAnew() throws Exception {
        String newTs = send(message(2, down(), "acknowledged", List.of()), "1764339999.000100");

        assertThat(newTs).isNotEqualTo("1764339999.000100");
        assertThat(fake.messages("C0OPS")).singleElement().satisfies(m -> assertThat(m.ts()).isEqualTo(newTs));
    }

    @Test
    void rateLimitsAndServerErrorsAreTransientWithSlacksRetryAfter() {
        fake.failNext("chat.postMessage", Failure.rateLimited(7));
        fake.failNext("chat.postMessage", Failure.status(503));

        DeliveryException limited = catchThrowableOfType(DeliveryException.class, () -> send(message(1, down(), "", List.of()), null));
        DeliveryException down = catchThrowableOfType(DeliveryException.class, () -> send(message(1, down(), "", List.of()), null));

        assertThat(limited.permanent()).isFalse();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(limited.getMessage()).isEqualTo("slack chat.postMessage: HTTP 429");
        assertThat(down.permanent()).isFalse();
        assertThat(down.retryAfter()).isNull();
        assertThat(health.problems()).isEmpty();
    }

    @Test
    void anUnknownChannelIsParkedAndReportedOnce() throws Exception {
        fake.missingChannel("C0OPS");
        List<DeliveryException> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failures.add(catchThrowableOfType(DeliveryException.class, () -> send(message(1, down(), "", List.of()), null)));
        }

        assertThat(failures).allSatisfy(e -> {
            assertThat(e.permanent()).isFalse();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(e.getMessage()).startsWith("slack chat.postMessage: channel_not_found (parked: check the channel id");
        });
        assertThat(health.problems()).singleElement().asString()
                .startsWith("channel C0OPS: channel_not_found since 2025-11-13 08:00 UTC (check the channel id");
        assertThat(health.report(Refusals.channel("C0OPS"), "channel_not_found", "again", TestTargets.T0)).as("already known").isFalse();
    }

    @Test
    void aRevokedTokenIsReportedAndNeverQuoted() {
        fake.revoke();

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> send(message(1, down(), "", List.of()), null));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("token_revoked").doesNotContain(FakeTokens.SLACK_BOT);
        assertThat(health.problems()).singleElement().asString().startsWith("token: token_revoked since");
        assertThat(notifier.checkToken()).isFalse();
    }

    @Test
    void aMessageSlackWillNeverTakeIsAPermanentFailure() {
        fake.failNext("chat.postMessage", Failure.error("msg_too_long"));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> send(message(1, down(), "", List.of()), null));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("slack chat.postMessage: msg_too_long");
    }

    @Test
    void aCardBeyondSlacksLimitsIsCutVisibly() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add("kommune-" + i + ".dk: DOWN since 2025-11-13 08:00 UTC, connect: connection refused");
        }
        Card huge = new Card("x".repeat(300), Severity.WARNING, List.of(), lines, List.of());

        send(message(1, huge, "", List.of()), null);

        JsonNode blocks = fake.awaitMessages("C0OPS", 1, WAIT).get(0).blocks();
        assertThat(blocks.get(0).path("text").path("text").asText()).hasSize(150).endsWith("…");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks).allSatisfy(b -> assertThat(b.path("text").path("text").asText().length()).isLessThanOrEqualTo(3000));
        assertThat(blocks.toString()).containsPattern("\\+\\d+ more lines");
    }
    /** A delivery repeating one whose first try began {@code since}, named {@code key}. */
    private String resend(OutboxMessage m, String ref, List<String> lines, String key, java.time.Instant since)
            throws DeliveryException {
        return notifier.send(new Delivery(m, "C0OPS", ref, lines, m.mentions(), true, key, since));
    }

    private long calls(String method) {
        return fake.calls().stream().filter(c -> c.method().equals(method)).count();
    }

    @Test
    void aRepeatedFirstPostThatReachedSlackIsFoundByItsMetadataAndNotPostedAgain() throws Exception {
        OutboxMessage first = message(1, down(), "opened", List.of());
        java.time.Instant began = java.time.Instant.now();
        String ts = notifier.send(new Delivery(first, "C0OPS", null, List.of(), List.of(), true, "INC-3/slack:C0OPS/r1@1", null));

        String again = resend(first, null, List.of(), "INC-3/slack:C0OPS/r1@1", began);

        assertThat(again).isEqualTo(ts);
        assertThat(fake.messages("C0OPS")).hasSize(1);
        assertThat(fake.messages("C0OPS").get(0).metadata().path("event_type").asText()).isEqualTo("varde_alert");
        assertThat(fake.messages("C0OPS").get(0).metadata().path("event_payload").path("attempt").asText())
                .isEqualTo("INC-3/slack:C0OPS/r1@1");
        assertThat(calls("chat.postMessage")).isEqualTo(1);
    }

    @Test
    void aRepeatedFirstPostThatNeverReachedSlackIsPostedOnce() throws Exception {
        fake.failNext("chat.postMessage", Failure.status(503));
        OutboxMessage first = message(1, down(), "opened", List.of());
        java.time.Instant began = java.time.Instant.now();
        catchThrowableOfType(() -> resend(first, null, List.of(), "k@1", null), DeliveryException.class);

        String ts = resend(first, null, List.of(), "k@1", began);

        assertThat(fake.messages("C0OPS")).extracting(FakeSlack.Message::ts).containsExactly(ts);
    }

    @Test
    void aRepeatedEditAndReplyDoesOnlyTheStepsTheFirstTryDidNotDo() throws Exception {
        String ts = send(message(1, down(), "opened", List.of()), null);
        OutboxMessage second = message(2, down(), "acknowledged by @mette", List.of());
        java.time.Instant began = java.time.Instant.now();
        // The first try edited the card, then the reply failed (as if the process died there).
        fake.failNext("chat.postMessage", Failure.status(500));
        catchThrowableOfType(() -> resend(second, ts, List.of("acknowledged by @mette"), "r2@1", null),
                DeliveryException.class);
        long updates = calls("chat.update");

        resend(second, ts, List.of("acknowledged by @mette"), "r2@1", began);
        resend(second, ts, List.of("acknowledged by @mette"), "r2@1", began);

        assertThat(calls("chat.update")).as("the edit was made once").isEqualTo(updates).isEqualTo(1);
        assertThat(fake.replies("C0OPS", ts)).extracting(FakeSlack.Message::text)
                .containsExactly("acknowledged by @mette");
    }

    @Test
    void withoutTheHistoryScopeARepeatPostsAgainAndTheTokenIsNotRefused() throws Exception {
        fake.withoutHistoryScope();
        OutboxMessage first = message(1, down(), "opened", List.of());
        java.time.Instant began = java.time.Instant.now();
        send(first, null);

        resend(first, null, List.of(), "k@2", began);

        assertThat(fake.messages("C0OPS")).hasSize(2);
        assertThat(health.problems()).isEmpty();
    }
}
