package io.varde.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.varde.check.Target;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import io.varde.store.jdbc.DeliveryLogEntry;
import io.varde.store.jdbc.DeliveryLogEntry.Outcome;
import io.varde.store.jdbc.JdbcOutboxStore;
import io.varde.testing.ChatStack;
import io.varde.testing.FakeDiscord;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.TestTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JDA against a local fake Discord (REST and gateway): the bot logs in, registers
 * {@code /varde}, posts each incident as an embed with buttons and edits it as the incident
 * changes; slash commands, buttons and autocomplete run the command layer with the member's roles;
 * a 429 only delays; and an incident mirrored in Slack and Discord follows an action from either.
 */
class DiscordBotTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Target> TARGETS = List.of(TestTargets.http("borger-dk"), TestTargets.http("trm-dk"));
    private static final String CHANNEL = FakeDiscord.CHANNEL_ID;

    @TempDir
    Path data;
    private ChatStack stack;

    private ChatStack stack(FakeDiscord discord, FakeSlack slack) throws Exception {
        stack = new ChatStack(data, slack, null, discord, Clock.systemUTC(), Duration.ofMillis(50), TARGETS);
        stack.worker.start(Clock.systemUTC());
        long until = System.nanoTime() + WAIT.toNanos();
        while (!stack.discord.problems().isEmpty()) {
            assertThat(System.nanoTime()).as("logged in: " + stack.discord.problems()).isLessThan(until);
            Thread.sleep(50);
        }
        return stack;
    }

    @AfterEach
    void close() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static String embedText(FakeDiscord.Message m) {
        return m.embeds().toString();
    }

    @Test
    void theBotLogsInRegistersVardeAndKeepsOneLivingEmbedPerIncident() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);

        discord.awaitCall(c -> c.method().equals("PUT") && c.path().endsWith("/commands"), WAIT);
        assertThat(discord.registeredCommands()).singleElement().satisfies(c -> {
            assertThat(c.path("name").asText()).isEqualTo("varde");
            assertThat(c.path("options").findValuesAsText("name")).contains("status", "ack", "mute", "escalate", "resolve");
        });
        stack.down(0, Instant.now());
        FakeDiscord.Message alert = discord.awaitMessage(CHANNEL, m -> embedText(m).contains("borger-dk is DOWN"), WAIT);
        assertThat(alert.embeds().get(0).path("title").asText()).isEqualTo("CRITICAL · INC-1 · borger-dk is DOWN");
        assertThat(alert.embeds().get(0).path("color").asInt()).isEqualTo(0xD93025);
        assertThat(alert.components().toString()).contains("varde:ack INC-1").contains("varde:mute INC-1 1h")
                .contains("varde:escalate INC-1");

        stack.incidents.resolve(1, "fixed", new io.varde.incident.Actor("cli", "ops", "ops"), Instant.now());

        FakeDiscord.Message resolved = discord.awaitMessage(CHANNEL, m -> m.id().equals(alert.id()) && m.edits() > 0
                && embedText(m).contains("RESOLVED"), WAIT);
        assertThat(resolved.embeds().get(0).path("color").asInt()).isEqualTo(0x188038);
        assertThat(resolved.components().toString()).doesNotContain("varde:ack");
        assertThat(discord.messages(CHANNEL)).as("edited, not posted again").hasSize(1);
    }

    @Test
    void aButtonAcknowledgesWithTheMembersRoleAndTheEmbedFollows() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);
        stack.down(0, Instant.now());
        FakeDiscord.Message alert = discord.awaitMessage(CHANNEL, m -> !m.embeds().isEmpty(), WAIT);

        String click = discord.buttonClick(FakeDiscord.RESPONDER_USER, alert.id(), "varde:ack INC-1");

        assertThat(discord.awaitCallback(click, WAIT).path("type").asInt()).as("deferred, ephemeral").isEqualTo(5);
        discord.awaitMessage(CHANNEL, m -> m.id().equals(alert.id()) && embedText(m).contains("Acknowledged by"), WAIT);
        assertThat(stack.incidents.incident(1).orElseThrow().acknowledgedBy().platform()).isEqualTo("discord");
    }

    @Test
    void aLeadsCommandByAResponderIsRefusedToThemAndRecorded() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);
        stack.down(0, Instant.now());
        discord.awaitMessage(CHANNEL, m -> !m.embeds().isEmpty(), WAIT);

        String mute = discord.slashCommand(FakeDiscord.RESPONDER_USER, "mute", Map.of("scope", "INC-1", "duration", "1h"));

        JsonNode answer = discord.awaitCallback(mute, WAIT);
        assertThat(answer.path("type").asInt()).isEqualTo(4);
        assertThat(answer.path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(answer.toString()).contains("mute needs the lead role");
        assertThat(stack.incidents.timeline(1)).extracting(TimelineEntry::action).contains(TimelineAction.DENIED);
        assertThat(stack.incidents.activeMutes(Instant.now())).isEmpty();

        String lead = discord.slashCommand(FakeDiscord.LEAD_USER, "mute", Map.of("scope", "INC-1", "duration", "1h",
                "reason", "planned work"));
        JsonNode muted = discord.awaitCallback(lead, WAIT);
        assertThat(muted.path("data").path("flags").asInt() & 64).as("an action is shown in the channel").isZero();
        assertThat(stack.incidents.activeMutes(Instant.now())).singleElement()
                .satisfies(m -> assertThat(m.reason()).isEqualTo("planned work"));
    }

    @Test
    void autocompleteOffersOpenIncidentsTargetsAndLabels() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);
        stack.down(1, Instant.now());

        String incidents = discord.autocomplete(FakeDiscord.VIEWER_USER, "ack", Map.of("incident", "inc"), "incident");
        String scopes = discord.autocomplete(FakeDiscord.VIEWER_USER, "mute", Map.of("scope", "gov"), "scope");

        assertThat(discord.awaitCallback(incidents, WAIT).path("data").path("choices"))
                .extracting(c -> c.path("value").asText()).containsExactly("INC-1");
        assertThat(discord.awaitCallback(scopes, WAIT).path("data").path("choices"))
                .extracting(c -> c.path("value").asText()).containsExactly("sector=\"government\"");
    }

    @Test
    void aRateLimitIsWaitedOutByTheOutboxNotTheDeliveryThread() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);
        discord.rateLimitNext("POST channels/\\d+/messages", 1);

        stack.down(0, Instant.now());

        discord.awaitMessage(CHANNEL, m -> embedText(m).contains("borger-dk is DOWN"), WAIT);
        assertThat(discord.calls()).filteredOn(c -> c.status() == 429).hasSize(1);
        JdbcOutboxStore outbox = new JdbcOutboxStore(stack.db);
        long until = System.nanoTime() + WAIT.toNanos();
        while (outbox.deliveryLog(1).stream().noneMatch(e -> e.outcome() == Outcome.SENT)) {
            assertThat(System.nanoTime()).as("recorded as sent").isLessThan(until);
            Thread.sleep(50);
        }
        assertThat(outbox.deliveryLog(1)).extracting(DeliveryLogEntry::outcome).containsExactly(Outcome.RETRY, Outcome.SENT);
        assertThat(outbox.deliveryLog(1).get(0).detail()).contains("discord: rate limited");
    }

    @Test
    void anActionInDiscordUpdatesTheSlackMessageToo() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT);
        stack(discord, slack);
        stack.down(0, Instant.now());
        FakeDiscord.Message alert = discord.awaitMessage(CHANNEL, m -> !m.embeds().isEmpty(), WAIT);
        FakeSlack.Message inSlack = slack.awaitMessages(ChatStack.CHANNEL, 1, WAIT).get(0);

        discord.buttonClick(FakeDiscord.LEAD_USER, alert.id(), "varde:ack INC-1");

        slack.awaitMessage(ChatStack.CHANNEL, m -> m.ts().equals(inSlack.ts())
                && m.blocks().toString().contains("Acknowledged by"), WAIT);
        discord.awaitMessage(CHANNEL, m -> m.id().equals(alert.id()) && embedText(m).contains("Acknowledged by"), WAIT);
        assertThat(slack.awaitReplies(ChatStack.CHANNEL, inSlack.ts(), 1, WAIT).get(0).text()).contains("(discord)");
    }

    @Test
    void aChannelTheBotMayNotPostInIsReportedOnceAndNotHammered() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack(discord, null);
        discord.missingAccess(CHANNEL);

        stack.down(0, Instant.now());

        long until = System.nanoTime() + WAIT.toNanos();
        while (stack.discord.problems().isEmpty()) {
            assertThat(System.nanoTime()).as("the refusal reported").isLessThan(until);
            Thread.sleep(50);
        }
        assertThat(stack.discord.problems()).singleElement().asString()
                .startsWith("channel " + CHANNEL + ": Missing Access since").contains("send messages");
        Thread.sleep(1500);
        assertThat(discord.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("/messages"))
                .as("parked for 10 minutes, not retried at once").hasSize(1);
    }
}
