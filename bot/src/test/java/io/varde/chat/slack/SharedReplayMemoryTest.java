package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import io.varde.command.Reply;
import io.varde.core.Card;
import io.varde.core.OnceKeys;
import io.varde.core.Severity;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcOnceKeys;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.MutableClock;
import io.varde.testing.SlackRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes behind one Slack request URL, each with its own {@link SlackApp} and the replay
 * memory they share through the database ({@link JdbcOnceKeys}, on H2 here; the store itself is
 * tested on both databases): a request node 1 ran is refused as a replay by node 2, Slack's retry
 * that reaches node 2 is acknowledged without running, and with the database gone a request is
 * not run at all (503, Slack tries again).
 */
class SharedReplayMemoryTest {

    private static final String SECRET = "4f1c9a7e2b8d6035e1f2a3b4c5d6e7f8";

    @TempDir
    Path dir;

    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00.250Z"));
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private Database db;
    private Slack slack;
    private SlackApp node1;
    private SlackApp node2;

    @BeforeEach
    void start() {
        db = Database.open(DbSettings.embedded(dir));
        slack = Slack.getInstance(fake.sdkConfig());
        node1 = node("node-1", new JdbcOnceKeys(db));
        node2 = node("node-2", new JdbcOnceKeys(db));
    }

    @AfterEach
    void stop() throws Exception {
        node1.close();
        node2.close();
        slack.close();
        fake.close();
        db.close();
    }

    private SlackApp node(String name, OnceKeys seen) {
        return new SlackApp(slack, FakeTokens.SLACK_BOT, SECRET, "/varde", request -> {
            ran.add(name + ": " + request.text());
            return new Reply(Card.of("ran " + request.text(), Severity.INFO, List.of()), Reply.Visibility.CALLER);
        }, user -> List.of(), Duration.ofSeconds(2), clock, seen);
    }

    private String slash(String text) {
        return SlackRequests.slashCommand("/varde", text, "U0LEAD", "lea", "C0OPS", fake.responseUrl("r-" + text));
    }

    private Map<String, List<String>> signed(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SlackRequests.signedHeaders(SECRET, clock.instant().getEpochSecond(), body)
                .forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    @Test
    void aRequestNodeOneRanIsARefusedReplayAtNodeTwo() {
        String body = slash("resolve INC-1");
        Map<String, List<String>> headers = signed(body);

        assertThat(node1.http(body, headers, "127.0.0.1").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        SlackApp.Answer replay = node2.http(body, headers, "127.0.0.1");

        assertThat(replay.status()).isEqualTo(401);
        assertThat(ran).containsExactly("node-1: resolve INC-1");
        assertThat(node1.http(body, headers, "127.0.0.1").status()).as("and at node 1 itself").isEqualTo(401);
    }

    @Test
    void slacksRetryReachingNodeTwoIsAcknowledgedWithoutRunning() {
        String body = slash("ack INC-1");
        Map<String, List<String>> headers = signed(body);
        assertThat(node1.http(body, headers, "127.0.0.1").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3));
        Map<String, List<String>> retry = new LinkedHashMap<>(headers);
        retry.put("X-Slack-Retry-Num", List.of("1"));
        SlackApp.Answer answer = node2.http(body, retry, "127.0.0.1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(ran).containsExactly("node-1: ack INC-1");
    }

    @Test
    void withTheDatabaseGoneARequestIsNotRunAndSlackIsToldToTryAgain() {
        db.close();
        String body = slash("resolve INC-1");

        SlackApp.Answer answer = node2.http(body, signed(body), "127.0.0.1");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(ran).isEmpty();
    }
}
