package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.varde.command.CommandExecutor;
import io.varde.config.SchedulerSettings;
import io.varde.config.SlackSettings;
import io.varde.config.VardeConfig;
import io.varde.correlate.CorrelationRules;
import io.varde.incident.IncidentService;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelSources;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.SlackRequests;
import io.varde.web.WebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} as {@code run} serves it: {@link ChatPlatforms}' route on the real
 * {@link WebServer}, over HTTP on 127.0.0.1, with a fake Slack behind the SDK. An unsigned body of
 * any size is refused without its content reaching the log or Bolt's parser; one larger than the
 * cap gets 413, before it is read when its length is declared.
 */
class SlackRouteTest {

    private static final String SECRET = "route-signing-secret-00000000000";
    private static final String MARKER = "BODYMARKER5519";
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final FakeSlack fake = FakeSlack.start(FakeTokens.SLACK_BOT);
    private ChatPlatforms chats;
    private WebServer web;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootBefore;

    @BeforeEach
    void start() throws Exception {
        // Listening before the bot starts: its token check runs in the background and is awaited below.
        rootBefore = root.getLevel();
        root.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
        Clock clock = Clock.systemUTC();
        SlackSettings slack = new SlackSettings(FakeTokens.SLACK_BOT, null, SECRET, URI.create(fake.apiUrl()), null,
                "/varde", Duration.ofSeconds(1));
        TeamConfig team = VardeConfig.defaultTeam();
        VardeConfig config = new VardeConfig(dir, List.of(), SchedulerSettings.DEFAULTS, team, CorrelationRules.NONE,
                IntelSources.NONE, Optional.of(slack), Optional.empty());
        chats = new ChatPlatforms(config, clock);
        IncidentService incidents = new IncidentService(new MemoryIncidentStore(), team, List.of(), () -> { });
        chats.serve(new CommandExecutor(incidents, now -> List.of(), team.team(), clock));
        web = WebServer.start(new InetSocketAddress("127.0.0.1", 0), chats.routes());
        // Wait for the token check's line, then count from a clean list.
        Instant deadline = Instant.now().plus(WAIT);
        while (log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("event=slack_token_checked"))) {
            assertThat(Instant.now()).as("the token check").isBefore(deadline);
            Thread.sleep(10);
        }
        log.list.clear();
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        root.setLevel(rootBefore);
        web.close();
        chats.close();
        fake.close();
    }

    private URI events() {
        return URI.create("http://127.0.0.1:" + web.port() + "/slack/events");
    }

    private List<String> logged() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(log.list)) {
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                assertThat(e.getLoggerName()).doesNotContain("SlackRequestParser");
                assertThat(e.getFormattedMessage()).doesNotContain(MARKER);
                out.add(e.getLoggerName() + " " + e.getFormattedMessage());
            }
        }
        return out;
    }

    private static byte[] junk(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] head = ("token=gIkuvaNzQIHg97ATvDxqgjtO&text=" + MARKER + "&junk=")
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        return body;
    }

    @Test
    void anUnsignedPostOfAMegabyteGets401AndOneLogLineWithoutItsBody() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(junk(1 << 20))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"error\":\"invalid request\"}");
        assertThat(logged()).containsExactly("io.varde.chat.slack.SlackRequestGate "
                + "event=slack_request_refused reason=missing_signature remote=127.0.0.1");
    }

    @Test
    void aTenMegabyteUnsignedBodyGets413AtOnceWhenItsLengthIsDeclared() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", web.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + TEN_MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(junk(64 * 1024));
            out.flush();

            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(status).as("answered with 10 MB less 64 KiB still unsent").startsWith("HTTP/1.1 413 ");
        }
        assertThat(logged()).isEmpty();
    }

    @Test
    void aTenMegabyteUnsignedBodyOfUndeclaredLengthGets413AndNothingOfItIsLogged() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", web.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            // The client sends all 10 MB in chunks, as a sender that does not stop would; the
            // server stops reading after the cap, answers and hangs up.
            Thread sender = new Thread(() -> {
                try {
                    out.write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked"
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] body = junk(TEN_MB);
                    int chunk = 64 * 1024;
                    for (int at = 0; at < body.length; at += chunk) {
                        out.write((Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // The server hung up once it had answered: expected.
                }
            }, "test-slack-sender");
            sender.setDaemon(true);
            sender.start();

            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(status).startsWith("HTTP/1.1 413 ");
        }
        assertThat(logged()).isEmpty();
    }

    @Test
    void aSignedCommandIsAnswered() throws Exception {
        String body = SlackRequests.slashCommand("/varde", "help", "U0VIEWER", "vera", "C0OPS", fake.responseUrl("help"));
        HttpRequest.Builder request = HttpRequest.newBuilder(events()).POST(HttpRequest.BodyPublishers.ofString(body));
        SlackRequests.signedHeaders(SECRET, Instant.now().getEpochSecond(), body).forEach(request::header);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"response_type\":\"ephemeral\"").contains("Varde commands");
    }
}
