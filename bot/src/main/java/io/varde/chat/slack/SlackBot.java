package io.varde.chat.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.varde.command.CommandRequest;
import io.varde.command.Reply;
import io.varde.config.SlackSettings;
import io.varde.core.MemoryOnceKeys;
import io.varde.core.OnceKeys;
import io.varde.notify.Notifier;
import io.varde.notify.Refusals;
import io.varde.notify.slack.SlackNotifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Slack, built from {@link SlackSettings} in two steps, because alerts are delivered
 * before commands can be run: {@link #connect} gives the {@link Notifier} (and checks the token),
 * {@link #serve} starts the Bolt app over Socket Mode or readies {@link #http} for the web server.
 * One {@link Slack} SDK instance, pointed at {@code VARDE_SLACK_API_URL}, serves both.
 */
public final class SlackBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final MethodsClient methods;
    private final Refusals health = new Refusals("slack");
    private final SlackNotifier notifier;
    private final Clock clock;
    private final OnceKeys seen;
    static final int RECONNECT_SECONDS = 30;
    private static final String SOCKET_MODE = "socket mode";
    private volatile SlackApp app;
    private volatile boolean closed;

    private SlackBot(SlackSettings settings, Clock clock, OnceKeys seen) {
        this.settings = settings;
        this.clock = clock;
        this.seen = seen;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl().toString());
        config.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(settings.botToken());
        this.notifier = new SlackNotifier(methods, health, clock);
    }

    /**
     * The SDK and the notifier. Asks Slack in the background whether it takes the token, so a
     * refused token is reported at once (log, {@code /readyz}) and an unreachable Slack does not
     * hold up the start. HTTP requests' signatures are remembered in this process only: a single
     * node.
     */
    public static SlackBot connect(SlackSettings settings, Clock clock) {
        return connect(settings, clock, new MemoryOnceKeys(SlackRequestGate.REMEMBERED_MAX));
    }

    /**
     * {@link #connect(SlackSettings, Clock)} with {@code seen} as the replay memory of HTTP
     * requests' signatures: in a cluster, the one every node shares (the database's), so a request
     * run by one node is refused as a replay, or acknowledged as Slack's retry, by any other.
     */
    public static SlackBot connect(SlackSettings settings, Clock clock, OnceKeys seen) {
        SlackBot bot = new SlackBot(settings, clock, Objects.requireNonNull(seen, "seen"));
        LOG.info("event=slack_on mode={} api={} default_channel={} command={} message_interval={}",
                settings.socketMode() ? "socket" : "http", settings.apiUrl(), settings.defaultChannel(),
                settings.command(), settings.messageInterval());
        Thread check = new Thread(() -> LOG.info("event=slack_token_checked accepted={}", bot.notifier.checkToken()),
                "varde-slack-check");
        check.setDaemon(true);
        check.start();
        return bot;
    }

    public Notifier notifier() {
        return notifier;
    }

    /** The least time between two messages to one Slack channel. */
    public Duration messageInterval() {
        return settings.messageInterval();
    }

    /**
     * Starts taking commands and button clicks: over Socket Mode when an app token is set,
     * otherwise through {@link #http}.
     *
     * @param commands   runs a command
     * @param teamGroups the Slack user group ids the team file gives roles to
     */
    public void serve(Function<CommandRequest, Reply> commands, Set<String> teamGroups) {
        SlackGroups groups = new SlackGroups(methods, teamGroups, clock);
        app = new SlackApp(slack, settings.botToken(), settings.signingSecret(), settings.command(),
                commands, groups::of, SlackApp.ACK_WITHIN, clock, seen);
        if (settings.socketMode()) {
            Thread connect = new Thread(this::connectSocketMode, "varde-slack-connect");
            connect.setDaemon(true);
            connect.start();
        }
    }

    /**
     * Opens the Socket Mode connection, trying again every {@value #RECONNECT_SECONDS} s while
     * Slack refuses or cannot be reached: Varde starts, and alerts flow, even when Slack does not
     * answer at that moment. Once connected, the SDK keeps the connection up itself.
     */
    private void connectSocketMode() {
        while (!closed) {
            try {
                app.startSocketMode(settings.appToken());
                health.clear(SOCKET_MODE);
                LOG.info("event=slack_socket_mode_connected");
                return;
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                health.report(SOCKET_MODE, reason.replaceAll("\\s+", " "), "commands and buttons "
                        + "wait for it; check SLACK_APP_TOKEN (xapp-, scope connections:write) and that Socket "
                        + "Mode is on in the app", clock.instant());
            }
            try {
                Thread.sleep(RECONNECT_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether requests come over HTTP ({@code /slack/events}) rather than Socket Mode. */
    public boolean httpMode() {
        return !settings.socketMode();
    }

    /** One HTTP request to {@code /slack/events}, its exact body bytes; see {@link SlackApp#http(byte[], Map, String)}. */
    public SlackApp.Answer http(byte[] body, Map<String, List<String>> headers, String remoteAddress) {
        if (app == null) {
            return new SlackApp.Answer(503, "application/json; charset=utf-8", "{\"error\":\"starting\"}");
        }
        return app.http(body, headers, remoteAddress);
    }

    /** {@link #http(byte[], Map, String)} of a body sent as UTF-8. */
    public SlackApp.Answer http(String body, Map<String, List<String>> headers, String remoteAddress) {
        return http(body.getBytes(StandardCharsets.UTF_8), headers, remoteAddress);
    }

    /** What Slack refuses now (a token, a channel), for {@code /readyz}; empty when all is well. */
    public List<String> problems() {
        return health.problems();
    }

    @Override
    public void close() {
        closed = true;
        if (app != null) {
            app.close();
        }
        try {
            slack.close();
        } catch (Exception e) {
            LOG.debug("event=slack_close_failed", e);
        }
    }
}
