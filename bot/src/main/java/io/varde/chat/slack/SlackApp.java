package io.varde.chat.slack;

import io.varde.core.Threads;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import io.varde.command.CommandRequest;
import io.varde.command.Reply;
import io.varde.core.MemoryOnceKeys;
import io.varde.core.OnceKeys;
import io.varde.incident.Actor;
import io.varde.notify.slack.SlackBlocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt app: the slash command and the alert buttons, run through the command layer.
 * <p>
 * <b>Slash command.</b> The text is the command words ({@code /varde mute INC-3 1h}). The command
 * runs on a worker thread; when it answers within {@code ackWithin} (2 s; Slack allows 3) the
 * answer is the acknowledgement itself, otherwise Slack gets "working on it" at once and the
 * answer follows through the command's {@code response_url}. Queries, errors and refusals are
 * ephemeral (the caller only); actions are posted in the channel, so the team sees who acted.
 * <p>
 * <b>Buttons</b> ({@code varde-<i>} action ids; the value is the command, see {@link SlackBlocks})
 * are acknowledged at once; the command runs with the clicker's role and the answer goes to the
 * clicker only. The alert itself changes through the outbox like after any other action.
 * <p>
 * Who acts is the Slack user ({@link Actor} platform {@code slack}, the user id); their roles come
 * from the team file, user groups through {@code groups}.
 * <p>
 * <b>HTTP mode</b> ({@link #http}): Varde verifies each request itself ({@link SlackRequestGate}:
 * signature, timestamp either side, replays) before Bolt's parser or app sees it, and Bolt's own
 * request verification is off.
 */
public final class SlackApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackApp.class);
    /** Slack waits 3 s for an acknowledgement; this leaves room for the network. */
    public static final Duration ACK_WITHIN = Duration.ofSeconds(2);
    /** How long closing waits for commands and answers in flight. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Pattern BUTTON = Pattern.compile(Pattern.quote(SlackBlocks.ACTION_PREFIX) + "\\d+");


    private final App app;
    private final SlackRequestParser parser;
    /** Null without a signing secret (Socket Mode). */
    private final SlackRequestGate gate;
    private final Function<CommandRequest, Reply> commands;
    private final Function<String, List<String>> groups;
    private final Duration ackWithin;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Threads.daemon("varde-slack-command"));
    private volatile SocketModeApp socketMode;

    /**
     * @param slack         the SDK, pointed at Slack's API (or a test's)
     * @param signingSecret verifies HTTP requests; null in Socket Mode (then {@link #http} answers 404)
     * @param command       the slash command, e.g. {@code /varde}
     * @param commands      runs a command (the command executor)
     * @param groups        a Slack user id's user groups, for roles
     * @param ackWithin     how long a slash command may work before it is acknowledged without
     *                      its answer
     * @param clock         now, for the timestamps of HTTP requests and the replay window
     */
    public SlackApp(Slack slack, String botToken, String signingSecret, String command,
                    Function<CommandRequest, Reply> commands, Function<String, List<String>> groups,
                    Duration ackWithin, Clock clock) {
        this(slack, botToken, signingSecret, command, commands, groups, ackWithin, clock,
                SlackRequestGate.REMEMBERED_MAX);
    }

    /** With a replay memory of this process of at most {@code rememberedMax} signatures. */
    SlackApp(Slack slack, String botToken, String signingSecret, String command,
             Function<CommandRequest, Reply> commands, Function<String, List<String>> groups,
             Duration ackWithin, Clock clock, int rememberedMax) {
        this(slack, botToken, signingSecret, command, commands, groups, ackWithin, clock,
                new MemoryOnceKeys(rememberedMax));
    }

    /**
     * With {@code seen} as the replay memory of HTTP requests' signatures: this process's
     * ({@link MemoryOnceKeys}, as the other constructors make) or one every node of a cluster
     * shares, so a request run by one node is refused as a replay by another.
     */
    public SlackApp(Slack slack, String botToken, String signingSecret, String command,
                    Function<CommandRequest, Reply> commands, Function<String, List<String>> groups,
                    Duration ackWithin, Clock clock, OnceKeys seen) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.ackWithin = ackWithin;
        this.gate = signingSecret == null || signingSecret.isBlank() ? null
                : new SlackRequestGate(signingSecret, clock, seen);
        // Varde verifies every HTTP request itself (SlackRequestGate) before Bolt sees it, on the
        // injected clock and with future timestamps and replays refused. Bolt's own check would
        // verify again on the system clock and log the signature of what it refuses. No
        // verification token either: Bolt would read SLACK_VERIFICATION_TOKEN and log ssl_check
        // payloads it refuses.
        AppConfig config = AppConfig.builder().slack(slack).singleTeamBotToken(botToken)
                .signingSecret(signingSecret).verificationToken(null).requestVerificationEnabled(false).build();
        this.app = new App(config);
        this.parser = new SlackRequestParser(config);
        app.command(command, (req, ctx) -> {
            var p = req.getPayload();
            CommandRequest request = request(p.getUserId(), p.getUserName(), unescape(p.getText()));
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> run(request), workers);
            try {
                return ctx.ack(slashResponse(answer.get(ackWithin.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (TimeoutException e) {
                answer.thenAccept(reply -> respond(() -> ctx.respond(slashResponse(reply)), p.getUserId()));
                return ctx.ack(r -> r.responseType("ephemeral")
                        .text("Working on `" + SlackBlocks.escape(request.text()) + "`…"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ctx.ack(slashResponse(Reply.failed()));
            } catch (ExecutionException e) {
                return ctx.ack(slashResponse(Reply.failed()));
            }
        });
        app.blockAction(BUTTON, (req, ctx) -> {
            var p = req.getPayload();
            String user = p.getUser().getId();
            String name = p.getUser().getUsername() != null ? p.getUser().getUsername() : p.getUser().getName();
            String words = p.getActions().get(0).getValue();
            CompletableFuture.supplyAsync(() -> run(request(user, name, words)), workers)
                    .thenAccept(reply -> respond(() -> ctx.respond(actionResponse(reply)), user));
            return ctx.ack();
        });
    }

    /** Socket Mode: connects with the app token and serves until {@link #close}. */
    public synchronized void startSocketMode(String appToken) throws Exception {
        SocketModeApp connecting = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
        try {
            connecting.startAsync();
        } catch (Exception e) {
            closeQuietly(connecting);
            throw e;
        }
        socketMode = connecting;
    }

    /**
     * HTTP mode: one request to {@code /slack/events}, as received: the exact body bytes (the
     * signature covers them), the headers (names in any case) and the peer's address (for the log;
     * {@code -} when unknown). Before anything reads the body, {@link SlackRequestGate} checks the
     * signature, the timestamp (within 5 minutes either side) and replays: anything else gets 401
     * {@code {"error":"invalid request"}} and at most one log line without the body; Slack's retry
     * of a request seen before gets an empty 200 and runs nothing; a request whose replay memory
     * cannot be asked (a shared one, the database down) gets 503 and runs nothing. Only then does Bolt parse and
     * run it, and only a body its parser recognises ({@link BoltPatterns}; others get 400), so
     * Bolt never logs a body either.
     */
    public Answer http(byte[] body, Map<String, List<String>> headers, String remoteAddress) {
        if (gate == null) {
            return new Answer(404, JSON, "{\"error\":\"Slack's HTTP mode is off (no signing secret)\"}");
        }
        SlackRequestGate.Verdict verdict = gate.check(body, headers, remoteAddress);
        if (verdict instanceof SlackRequestGate.Verdict.Refused) {
            return new Answer(401, JSON, "{\"error\":\"invalid request\"}");
        }
        if (verdict instanceof SlackRequestGate.Verdict.Retry) {
            return new Answer(200, TEXT, "");
        }
        if (verdict instanceof SlackRequestGate.Verdict.Unavailable) {
            return new Answer(503, JSON, "{\"error\":\"unavailable, try again\"}");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Request<?> request;
        try {
            request = BoltPatterns.recognised(text) ? parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events").requestBody(text).headers(new RequestHeaders(headers))
                    .remoteAddress(remoteAddress).build()) : null;
        } catch (RuntimeException e) {
            LOG.info("event=slack_request_unreadable error=\"{}\"", e.getClass().getSimpleName());
            return new Answer(400, JSON, "{\"error\":\"unreadable request\"}");
        }
        if (request == null) {
            LOG.info("event=slack_request_unsupported bytes={}", body.length);
            return new Answer(400, JSON, "{\"error\":\"unsupported request\"}");
        }
        try {
            Response response = app.run(request);
            return new Answer(response.getStatusCode(), response.getContentType() == null
                    ? TEXT : response.getContentType(), response.getBody() == null ? "" : response.getBody());
        } catch (Exception e) {
            LOG.warn("event=slack_request_failed error=\"{}\"", e.getClass().getSimpleName());
            LOG.debug("event=slack_request_failed", e);
            return new Answer(500, JSON, "{\"error\":\"internal error\"}");
        }
    }

    /** {@link #http(byte[], Map, String)} of a body sent as UTF-8. */
    public Answer http(String body, Map<String, List<String>> headers, String remoteAddress) {
        return http(body.getBytes(StandardCharsets.UTF_8), headers, remoteAddress);
    }

    /** How many verified signatures the replay window holds now. */
    int rememberedSignatures() {
        return gate == null ? 0 : gate.remembered();
    }

    /** What to answer an HTTP request. */
    public record Answer(int status, String contentType, String body) {
    }

    private CommandRequest request(String userId, String userName, String words) {
        return new CommandRequest(new Actor("slack", userId, userName == null ? userId : userName),
                List.of(), words == null ? "" : words);
    }

    /** Runs the command with the user's groups; a failure becomes a reply, never silence. */
    private Reply run(CommandRequest request) {
        try {
            CommandRequest withGroups = new CommandRequest(request.actor(),
                    groups.apply(request.actor().id()), request.text());
            return commands.apply(withGroups);
        } catch (RuntimeException e) {
            LOG.error("event=slack_command_failed user={} error=\"{}\"", request.actor().id(), e.toString(), e);
            return Reply.failed();
        }
    }

    private interface Respond {
        void run() throws IOException;
    }

    private static void respond(Respond respond, String user) {
        try {
            respond.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=slack_respond_failed user={} error=\"{}\"", user, e.getClass().getSimpleName());
        }
    }

    static SlashCommandResponse slashResponse(Reply reply) {
        return SlashCommandResponse.builder()
                .responseType(reply.visibility() == Reply.Visibility.CHANNEL ? "in_channel" : "ephemeral")
                .text(SlackBlocks.fallback(reply.card().title(), reply.card()))
                .blocks(SlackBlocks.of(reply.card().title(), reply.card(), "")).build();
    }

    static ActionResponse actionResponse(Reply reply) {
        return ActionResponse.builder().responseType("ephemeral").replaceOriginal(false)
                .text(SlackBlocks.fallback(reply.card().title(), reply.card()))
                .blocks(SlackBlocks.of(reply.card().title(), reply.card(), "")).build();
    }

    private static void closeQuietly(SocketModeApp socket) {
        try {
            socket.close();
        } catch (Exception e) {
            LOG.debug("event=slack_socket_mode_close_failed error=\"{}\"", e.getClass().getSimpleName());
        }
    }

    /** Slack sends {@code & < >} in command text as entities. */
    static String unescape(String text) {
        return text == null ? "" : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Override
    public void close() {
        if (socketMode != null) {
            closeQuietly(socketMode);
        }
        app.stop();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
