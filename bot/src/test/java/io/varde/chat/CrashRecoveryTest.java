package io.varde.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.check.Target;
import io.varde.incident.Actor;
import io.varde.notify.Backoff;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.store.jdbc.DeliveryLogEntry;
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
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a platform call and its record, simulated: the real notifier (the Slack SDK or
 * JDA, against the fakes) makes its calls, then the worker dies before it records anything (an
 * {@link Error} no one catches, as SIGKILL leaves nothing after the call). A fresh worker on the
 * same database, as after a restart, finds the delivery in flight and posts, edits and replies
 * only what the dead one did not: one message per alert, one reply per change.
 */
class CrashRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Target> TARGETS = List.of(TestTargets.http("borger-dk"));
    private static final Actor OPS = new Actor("cli", "ops", "ops");

    @TempDir
    Path data;
    private ChatStack stack;

    /** The process dying: nothing after the call runs. */
    static final class Crash extends Error {
        Crash() {
            super("SIGKILL");
        }
    }

    /** Makes the real calls, then dies before the worker records them (or before, with {@code first}). */
    private static Notifier dying(Notifier real, boolean beforeTheCall) {
        return new Notifier() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public String send(Delivery delivery) throws DeliveryException {
                if (!beforeTheCall) {
                    real.send(delivery);
                }
                throw new Crash();
            }
        };
    }

    private DeliveryWorker worker(Notifier notifier) {
        return new DeliveryWorker(new JdbcOutboxStore(stack.db), List.of(notifier),
                RateLimits.defaults().with("slack", Duration.ZERO).with("discord", Duration.ZERO), Backoff.standard());
    }

    private void crashDuring(Notifier real) {
        assertThatThrownBy(() -> worker(dying(real, false)).runOnce(Instant.now())).isInstanceOf(Crash.class);
    }

    private List<DeliveryLogEntry.Outcome> outcomes(long outboxId) {
        return new JdbcOutboxStore(stack.db).deliveryLog(outboxId).stream().map(DeliveryLogEntry::outcome).toList();
    }

    @AfterEach
    void close() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void slackAFirstPostEditAndReplyMadeBeforeACrashAreNotMadeAgainAfterIt() {
        FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT);
        stack = new ChatStack(data, slack, Clock.systemUTC(), null, Duration.ZERO, TARGETS);
        Notifier real = stack.bot.notifier();

        stack.down(0, Instant.now());
        crashDuring(real);
        assertThat(slack.messages(ChatStack.CHANNEL)).hasSize(1);
        assertThat(worker(real).runOnce(Instant.now())).isEqualTo(1);

        String ts = slack.messages(ChatStack.CHANNEL).get(0).ts();
        assertThat(slack.messages(ChatStack.CHANNEL)).as("posted once").hasSize(1);
        assertThat(new JdbcOutboxStore(stack.db).messageRef(1, "slack:" + ChatStack.CHANNEL)).contains(ts);
        assertThat(outcomes(1)).containsExactly(DeliveryLogEntry.Outcome.SENT);

        stack.incidents.resolve(1, "fixed upstream", OPS, Instant.now());
        crashDuring(real);
        assertThat(slack.messages(ChatStack.CHANNEL).get(0).edits()).isEqualTo(1);
        assertThat(slack.replies(ChatStack.CHANNEL, ts)).hasSize(1);
        worker(real).runOnce(Instant.now());

        assertThat(slack.messages(ChatStack.CHANNEL)).hasSize(1);
        assertThat(slack.messages(ChatStack.CHANNEL).get(0).edits()).as("edited once").isEqualTo(1);
        assertThat(slack.messages(ChatStack.CHANNEL).get(0).blocks().toString()).contains("RESOLVED");
        assertThat(slack.replies(ChatStack.CHANNEL, ts)).as("replied once").hasSize(1);
        assertThat(new JdbcOutboxStore(stack.db).pendingCount()).isZero();
    }

    @Test
    void slackADeliveryThatDiedBeforeItsCallIsMadeOnce() {
        FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT);
        stack = new ChatStack(data, slack, Clock.systemUTC(), null, Duration.ZERO, TARGETS);
        Notifier real = stack.bot.notifier();
        stack.down(0, Instant.now());

        assertThatThrownBy(() -> worker(dying(real, true)).runOnce(Instant.now())).isInstanceOf(Crash.class);
        assertThat(slack.messages(ChatStack.CHANNEL)).isEmpty();
        worker(real).runOnce(Instant.now());

        assertThat(slack.messages(ChatStack.CHANNEL)).hasSize(1);
        assertThat(slack.calls()).filteredOn(c -> c.method().equals("conversations.history"))
                .as("it looked before posting").isNotEmpty();
    }

    @Test
    void discordAFirstPostEditAndReplyMadeBeforeACrashAreNotMadeAgainAfterIt() throws Exception {
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
        stack = new ChatStack(data, null, null, discord, Clock.systemUTC(), Duration.ZERO, TARGETS);
        long until = System.nanoTime() + WAIT.toNanos();
        while (!stack.discord.problems().isEmpty()) {
            assertThat(System.nanoTime()).as("logged in: " + stack.discord.problems()).isLessThan(until);
            Thread.sleep(50);
        }
        Notifier real = stack.discord.notifier();
        String channel = FakeDiscord.CHANNEL_ID;

        stack.down(0, Instant.now());
        crashDuring(real);
        assertThat(discord.messages(channel)).hasSize(1);
        worker(real).runOnce(Instant.now());

        assertThat(discord.messages(channel)).as("posted once").hasSize(1);
        String id = discord.messages(channel).get(0).id();
        assertThat(new JdbcOutboxStore(stack.db).messageRef(1, "discord:" + channel)).contains(id);

        // An escalation edits the embed and pings the leads in a reply.
        stack.incidents.escalate(1, OptionalInt.empty(), "no answer", OPS, Instant.now());
        crashDuring(real);
        assertThat(discord.messages(channel)).hasSize(2);
        worker(real).runOnce(Instant.now());

        assertThat(discord.messages(channel)).as("the embed and one reply").hasSize(2);
        assertThat(discord.messages(channel).get(0).edits()).as("edited once").isEqualTo(1);
        assertThat(discord.messages(channel).get(1).content()).contains("<@&" + FakeDiscord.LEAD_ROLE + ">");
        assertThat(new JdbcOutboxStore(stack.db).pendingCount()).isZero();
    }
}
