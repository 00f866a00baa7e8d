package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.app_backend.SlackSignature;
import io.varde.command.Reply;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.MutableClock;
import io.varde.testing.SlackRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP mode at the door: the real Bolt app behind {@link SlackApp#http}, requests signed
 * with Slack's algorithm (and once with Bolt's own generator), time from a clock the test moves.
 * What a user notices: a forged, stale, future-dated or replayed request gets 401 and runs nothing,
 * leaves at most one log line and never its body, and Bolt's request parser never speaks; Slack's
 * own retry is acknowledged without running the command twice.
 */
class SlackHttpRequestsTest {

    private static final String SECRET = "4f1c9a7e2b8d6035e1f2a3b4c5d6e7f8";
    private static final String CHANNEL = "C0OPS";
    /** Stands for what a body may carry that must never reach the log. */
    private static final String MARKER = "BODYMARKER7731";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00.250Z"));
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private Slack slack;
    private SlackApp app;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger slackSdk = (Logger) LoggerFactory.getLogger("com.slack.api");
    private Level rootBefore;
    private Level slackSdkBefore;

    @BeforeEach
    void start() {
        slack = Slack.getInstance(fake.sdkConfig());
        app = app(SlackRequestGate.REMEMBERED_MAX);
        // As in production (logback.xml): INFO, and the Slack SDK at INFO.
        rootBefore = root.getLevel();
        slackSdkBefore = slackSdk.getLevel();
        root.setLevel(Level.INFO);
        slackSdk.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(log);
        root.setLevel(rootBefore);
        slackSdk.setLevel(slackSdkBefore);
        app.close();
        slack.close();
        fake.close();
    }

    private SlackApp app(int rememberedMax) {
        return new SlackApp(slack, FakeTokens.SLACK_BOT, SECRET, "/varde", request -> {
            ran.add(request.text());
            return new Reply(Card.of("ran " + request.text(), Severity.INFO, List.of()), Reply.Visibility.CALLER);
        }, user -> List.of(), Duration.ofSeconds(2), clock, rememberedMax);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private String slash(String text) {
        return SlackRequests.slashCommand("/varde", text, "U0LEAD", "lea", CHANNEL, fake.responseUrl("r-" + text));
    }

    private static Map<String, List<String>> headers(Map<String, String> single) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        single.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private static Map<String, List<String>> signed(String secret, long timestamp, String body) {
        return headers(SlackRequests.signedHeaders(secret, timestamp, body));
    }

    private SlackApp.Answer send(String body, Map<String, List<String>> headers) {
        return app.http(body.getBytes(StandardCharsets.UTF_8), headers, "127.0.0.1");
    }

    /** What was logged at INFO or above since the last call; then forgets it. */
    private List<ILoggingEvent> logged() {
        List<ILoggingEvent> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(log.list)) {
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                out.add(e);
            }
        }
        log.list.clear();
        return out;
    }

    private static void assertQuiet(List<ILoggingEvent> events, String body) {
        for (ILoggingEvent e : events) {
            assertThat(e.getLoggerName()).doesNotContain("SlackRequestParser");
            assertThat(e.getFormattedMessage()).doesNotContain(MARKER).doesNotContain(body);
        }
    }

    /**
     * Sends a refused request one second after the last, so its log line is not held back; its
     * headers are made then, from the clock moved on.
     */
    private void assertRefused(String what, String body, Supplier<Map<String, List<String>>> headers, String reason)
            throws Exception {
        clock.advance(Duration.ofSeconds(1));
        SlackApp.Answer answer = send(body, headers.get());

        assertThat(answer.status()).as(what).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).as(what).isEqualTo("invalid request");
        List<ILoggingEvent> events = logged();
        assertQuiet(events, body);
        assertThat(events).as(what + ": one line").hasSize(1);
        assertThat(events.get(0).getFormattedMessage()).as(what)
                .startsWith("event=slack_request_refused reason=" + reason + " remote=127.0.0.1");
        assertThat(events.get(0).getLevel()).isIn(Level.INFO, Level.WARN);
    }

    @Test
    void missingMalformedOrWrongSignaturesGet401OneLineAndNoBodyInTheLog() throws Exception {
        String junk = "token=gIkuvaNzQIHg97ATvDxqgjtO&text=" + MARKER + "&junk=" + "x".repeat(2000);
        String command = slash("resolve INC-1 " + MARKER);
        long ts = now();
        String good = SlackRequests.signedHeaders(SECRET, ts, command).get("X-Slack-Signature");

        String at = Long.toString(ts);
        assertRefused("unsigned junk", junk, () -> Map.of(), "missing_signature");
        assertRefused("unsigned command", command,
                () -> headers(Map.of("Content-Type", "application/x-www-form-urlencoded")), "missing_signature");
        assertRefused("no timestamp", command, () -> headers(Map.of("X-Slack-Signature", good)), "missing_signature");
        assertRefused("no signature", command, () -> headers(Map.of("X-Slack-Request-Timestamp", at)),
                "missing_signature");
        assertRefused("timestamp not a number", command,
                () -> headers(Map.of("X-Slack-Request-Timestamp", "12:00", "X-Slack-Signature", good)), "bad_signature");
        assertRefused("signature not v0 hex", command,
                () -> headers(Map.of("X-Slack-Request-Timestamp", at, "X-Slack-Signature", "v0=" + MARKER)),
                "bad_signature");
        assertRefused("signature in upper case", command, () -> headers(Map.of("X-Slack-Request-Timestamp", at,
                "X-Slack-Signature", "v0=" + good.substring(3).toUpperCase())), "bad_signature");
        Map<String, List<String>> twice = signed(SECRET, ts, command);
        twice.put("X-Slack-Signature", List.of(good, good));
        assertRefused("two signatures", command, () -> twice, "bad_signature");
        assertRefused("another secret", command, () -> signed("not-the-signing-secret-0000000000", ts, command),
                "bad_signature");
        assertRefused("the body changed after signing", command.replace("INC-1", "INC-2"),
                () -> signed(SECRET, ts, command), "bad_signature");
        assertRefused("junk with a guessed signature", junk, () -> signed("guess", ts, junk), "bad_signature");

        assertThat(ran).as("nothing ran").isEmpty();
        assertThat(app.rememberedSignatures()).as("nothing unverified remembered").isZero();
        assertThat(send(command, signed(SECRET, now(), command)).status()).as("the command, signed").isEqualTo(200);
        assertThat(ran).containsExactly("resolve INC-1 " + MARKER);
        assertQuiet(logged(), command);
    }

    @Test
    void aRequestSignedWithBoltsOwnGeneratorPassesWithHeaderNamesInAnyCase() throws Exception {
        String body = slash("status");
        String ts = Long.toString(now());
        String signature = new SlackSignature.Generator(SECRET).generate(ts, body);

        SlackApp.Answer answer = send(body, headers(Map.of("x-slack-request-timestamp", ts, "X-SLACK-SIGNATURE", signature)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).toString()).contains("ran status");
        assertThat(ran).containsExactly("status");
    }

    @Test
    void timestampsMoreThanFiveMinutesOldOrAheadAreRefusedAndWithinAreRun() throws Exception {
        String body = slash("status");

        assertRefused("301 s old", body, () -> signed(SECRET, now() - 301, body), "stale");
        assertRefused("301 s ahead", body, () -> signed(SECRET, now() + 301, body), "future");
        clock.advance(Duration.ofSeconds(1));
        long stale = now() - 301;
        send(body, signed(SECRET, stale, body));
        assertThat(logged().get(0).getFormattedMessage()).as("the timestamp is the one header value logged")
                .isEqualTo("event=slack_request_refused reason=stale remote=127.0.0.1 timestamp=" + stale);
        assertThat(ran).isEmpty();

        assertThat(send(body, signed(SECRET, now() - 299, body)).status()).as("299 s old").isEqualTo(200);
        assertThat(send(body, signed(SECRET, now() + 299, body)).status()).as("299 s ahead").isEqualTo(200);
        assertThat(ran).containsExactly("status", "status");
    }

    @Test
    void theSameSignedCommandSentAgain20sLaterIsRefusedAsAReplayAndRunsOnce() throws Exception {
        String body = slash("ack INC-1");
        Map<String, List<String>> headers = signed(SECRET, now(), body);

        assertThat(send(body, headers).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(19));
        assertRefused("sent again 20 s later", body, () -> headers, "replay");

        assertThat(ran).containsExactly("ack INC-1");
    }

    @Test
    void slacksRetryOfARequestSeenBeforeIsAcknowledgedWithoutRunningItAgain() throws Exception {
        String body = slash("ack INC-1");
        Map<String, List<String>> headers = signed(SECRET, now(), body);
        assertThat(send(body, headers).status()).isEqualTo(200);
        logged();

        clock.advance(Duration.ofSeconds(20));
        Map<String, List<String>> retry = new LinkedHashMap<>(headers);
        retry.put("X-Slack-Retry-Num", List.of("1"));
        retry.put("X-Slack-Retry-Reason", List.of("http_timeout"));
        SlackApp.Answer answer = send(body, retry);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(ran).containsExactly("ack INC-1");
        assertThat(logged()).isEmpty();

        String unseen = slash("status");
        Map<String, List<String>> firstTry = signed(SECRET, now(), unseen);
        firstTry.put("X-Slack-Retry-Num", List.of("2"));
        assertThat(send(unseen, firstTry).status()).as("a retry of a request never seen runs").isEqualTo(200);
        assertThat(ran).containsExactly("ack INC-1", "status");
    }

    @Test
    void aFloodOfForgedSignaturesIsRememberedNowhereAndLoggedOnceASecond() throws Exception {
        String body = slash("resolve INC-1");
        String ts = Long.toString(now());
        HexFormat hex = HexFormat.of();
        byte[] guess = new byte[32];
        for (int i = 0; i < 100_000; i++) {
            guess[0] = (byte) i;
            guess[1] = (byte) (i >> 8);
            guess[2] = (byte) (i >> 16);
            SlackApp.Answer answer = send(body, headers(Map.of("X-Slack-Request-Timestamp", ts,
                    "X-Slack-Signature", "v0=" + hex.formatHex(guess))));
            assertThat(answer.status()).isEqualTo(401);
        }

        assertThat(app.rememberedSignatures()).isZero();
        assertThat(ran).isEmpty();
        List<ILoggingEvent> flood = logged();
        assertThat(flood).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("event=slack_request_refused reason=bad_signature remote=127.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        send(body, headers(Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", "v0=" + "0".repeat(64))));
        assertThat(logged()).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("event=slack_request_refused reason=bad_signature remote=127.0.0.1 suppressed=99999");

        assertThat(send(body, signed(SECRET, now(), body)).status()).isEqualTo(200);
        assertThat(app.rememberedSignatures()).as("only the verified one").isEqualTo(1);
    }

    @Test
    void theReplayMemoryIsBoundedAndForgetsASignatureOnceItsRequestWouldBeStale() throws Exception {
        app.close();
        app = app(3);
        List<String> bodies = List.of(slash("one"), slash("two"), slash("three"), slash("four"));
        long ts = now();
        for (String body : bodies) {
            assertThat(send(body, signed(SECRET, ts, body)).status()).isEqualTo(200);
        }
        assertThat(app.rememberedSignatures()).isEqualTo(3);
        assertThat(logged()).extracting(ILoggingEvent::getFormattedMessage)
                .contains("event=slack_replay_memory_full capacity=3 forgotten_early=1");

        clock.advance(SlackRequestGate.WINDOW.minusSeconds(2));
        assertRefused("within the window", bodies.get(3), () -> signed(SECRET, ts, bodies.get(3)), "replay");
        clock.advance(Duration.ofSeconds(1));
        assertRefused("after the window", bodies.get(3), () -> signed(SECRET, ts, bodies.get(3)), "stale");
        assertThat(app.rememberedSignatures()).isZero();
        assertThat(ran).containsExactly("one", "two", "three", "four");
    }

    @Test
    void signedBodiesBoltCannotReadOrDoesNotKnowGet400AndStayOutOfTheLog() throws Exception {
        List<String> bodies = List.of("hello=" + MARKER, "payload=" + urlEncode("{\"type\":\"" + MARKER + "\"}"),
                "payload=%zz" + MARKER, "payload=" + urlEncode("[\"" + MARKER + "\"]"),
                "{\"type\":\"event_callback\",\"x\":\"" + MARKER + "\"}", "payload=" + urlEncode("{\"x\":\"" + MARKER + "\"}"));
        for (String body : bodies) {
            SlackApp.Answer answer = send(body, signed(SECRET, now(), body));

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContain(MARKER);
            assertQuiet(logged(), body);
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void signedSlackChecksGetBoltsAnswers() throws Exception {
        String sslCheck = "ssl_check=1&token=" + MARKER;
        SlackApp.Answer ssl = send(sslCheck, signed(SECRET, now(), sslCheck));
        String challenge = "{\"token\":\"" + MARKER + "\",\"challenge\":\"c-4711\",\"type\":\"url_verification\"}";
        SlackApp.Answer verification = send(challenge, signed(SECRET, now(), challenge));

        assertThat(ssl.status()).isEqualTo(200);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body()).contains("c-4711");
        List<ILoggingEvent> events = logged();
        assertQuiet(events, sslCheck);
        assertQuiet(events, challenge);
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
