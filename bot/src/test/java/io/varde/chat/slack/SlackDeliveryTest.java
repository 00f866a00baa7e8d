package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Target;
import io.varde.testing.ChatStack;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeSlack.Failure;
import io.varde.testing.FakeTokens;
import io.varde.testing.MutableClock;
import io.varde.testing.TestTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack's limits, walked on a simulated clock shared by the delivery worker and the fake Slack
 * (which answers 429 to a second message in a channel within a second, as Slack does): incidents
 * into one channel arrive at the allowed rate, in order, all of them; 429 and 5xx only delay.
 */
class SlackDeliveryTest {

    private static final Instant T0 = TestTargets.T0;
    private static final Duration STEP = Duration.ofMillis(250);

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(T0);
    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT, clock);
    private ChatStack stack;

    private ChatStack stack(int targets) throws Exception {
        List<Target> list = IntStream.rangeClosed(1, targets).mapToObj(i -> TestTargets.http("site-" + i)).toList();
        stack = new ChatStack(data, fake, clock, null, Duration.ofSeconds(1), list);
        fake.limitPostsPerChannel(Duration.ofSeconds(1));
        return stack;
    }

    @AfterEach
    void close() throws Exception {
        if (stack != null) {
            stack.close();
        } else {
            fake.close();
        }
    }

    /** Runs delivery passes, STEP apart, until {@code n} alerts are in the channel or {@code limit} passes. */
    private Duration deliverUntil(int n, Duration limit) {
        Instant start = clock.instant();
        while (fake.messages(ChatStack.CHANNEL).size() < n && Duration.between(start, clock.instant()).compareTo(limit) < 0) {
            stack.worker.runOnce(clock.instant());
            clock.advance(STEP);
        }
        return Duration.between(start, clock.instant());
    }

    private List<String> titles() {
        return fake.messages(ChatStack.CHANNEL).stream().map(FakeSlack.Message::text).toList();
    }

    private static List<String> expectedTitles(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "CRITICAL: INC-" + i + " · site-" + i + " is DOWN").toList();
    }

    @Test
    void fiftyIncidentsAtOnceIntoOneChannelAllArriveInOrderWithinTheRate() throws Exception {
        stack(50);
        for (int i = 0; i < 50; i++) {
            stack.down(i, T0);
        }

        Duration took = deliverUntil(50, Duration.ofMinutes(5));

        assertThat(titles()).isEqualTo(expectedTitles(50));
        assertThat(fake.rateLimitViolations()).as("429s provoked").isZero();
        assertThat(took).isBetween(Duration.ofSeconds(49), Duration.ofSeconds(51));
    }

    @Test
    void aRateLimitIsHonouredWithItsRetryAfterAndOrderIsKept() throws Exception {
        stack(3);
        fake.failNext("chat.postMessage", Failure.rateLimited(5));
        for (int i = 0; i < 3; i++) {
            stack.down(i, T0);
        }

        deliverUntil(1, Duration.ofMillis(4900));
        assertThat(titles()).as("held for the Retry-After, the whole channel").isEmpty();
        Duration took = deliverUntil(3, Duration.ofMinutes(1));

        assertThat(titles()).isEqualTo(expectedTitles(3));
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(fake.calls()).filteredOn(c -> c.httpStatus() == 429).hasSize(1);
    }

    @Test
    void aBurstOfServerErrorsOnlyDelaysDelivery() throws Exception {
        stack(2);
        for (int i = 0; i < 4; i++) {
            fake.failNext("chat.postMessage", Failure.status(i % 2 == 0 ? 503 : 500));
        }
        stack.down(0, T0);
        stack.down(1, T0);

        Duration took = deliverUntil(2, Duration.ofMinutes(5));

        assertThat(titles()).isEqualTo(expectedTitles(2));
        assertThat(took).as("backoff 1 + 2 + 4 + 8 s, then the rate").isBetween(Duration.ofSeconds(15), Duration.ofSeconds(18));
        assertThat(stack.bot.problems()).isEmpty();
    }

    @Test
    void aChannelSlackDoesNotKnowIsReportedAndItsAlertsWaitForIt() throws Exception {
        stack(2);
        fake.notInChannel(ChatStack.CHANNEL);
        stack.down(0, T0);
        stack.down(1, T0);

        deliverUntil(1, Duration.ofMinutes(9));
        assertThat(stack.bot.problems()).singleElement().asString()
                .startsWith("channel C0OPS: not_in_channel since 2025-11-13 08:00 UTC (invite the bot");
        assertThat(fake.calls()).filteredOn(c -> "not_in_channel".equals(c.error())).as("not hammered").hasSize(1);

        fake.invite(ChatStack.CHANNEL);
        deliverUntil(2, Duration.ofMinutes(2));

        assertThat(titles()).isEqualTo(expectedTitles(2));
        assertThat(stack.bot.problems()).isEmpty();
    }
}
