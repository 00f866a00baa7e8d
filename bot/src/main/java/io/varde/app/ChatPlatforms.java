package io.varde.app;

import io.varde.chat.discord.Completions;
import io.varde.chat.discord.DiscordBot;
import io.varde.chat.slack.SlackBot;
import io.varde.command.CommandExecutor;
import io.varde.config.VardeConfig;
import io.varde.core.OnceKeys;
import io.varde.incident.IncidentService;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.web.Readiness;
import io.varde.web.Response;
import io.varde.web.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The chat platforms the config turns on, for {@link Wiring}: their notifiers and rate limits
 * before delivery starts, then their command handling once the command executor exists, their
 * {@code /readyz} checks and Slack's HTTP endpoint. Part of the wiring, kept apart so the
 * platforms are wired in one place.
 *
 * <p>Slack is the node's: every node of a cluster takes Slack commands (Socket Mode, or HTTP
 * behind a load balancer) and may call Slack's API. Discord is the coordinator's: a bot has one
 * gateway session, so {@link #discord} logs in for a coordinator's term and the term closes it.
 */
final class ChatPlatforms implements AutoCloseable {

    /** Slack's requests are a few KiB; a larger body gets 413. */
    private static final int SLACK_BODY_MAX = 1 << 20;

    private final VardeConfig config;
    private final Optional<SlackBot> slack;
    private final AtomicReference<DiscordBot> discord = new AtomicReference<>();

    /** Connects Slack's notifier (its commands come with {@link #serve}), with a replay memory of its own. */
    ChatPlatforms(VardeConfig config, Clock clock) {
        this.config = config;
        this.slack = config.slack().map(settings -> SlackBot.connect(settings, clock));
    }

    /**
     * Connects Slack's notifier; {@code seen} remembers the signatures of Slack's HTTP requests
     * (the database's, which every node of a cluster shares, so a replay or Slack's retry reaching
     * another node behind the load balancer runs nothing either).
     */
    ChatPlatforms(VardeConfig config, Clock clock, OnceKeys seen) {
        this.config = config;
        this.slack = config.slack().map(settings -> SlackBot.connect(settings, clock, seen));
    }

    /** The node's notifiers (Slack's); Discord's comes with its session, {@link #discord}. */
    List<Notifier> notifiers() {
        List<Notifier> out = new ArrayList<>();
        slack.ifPresent(bot -> out.add(bot.notifier()));
        return out;
    }

    /** The names of every notifier the config turns on, for the start-up check of the team's channels. */
    List<String> notifierNames() {
        List<String> out = new ArrayList<>();
        slack.ifPresent(bot -> out.add(bot.notifier().name()));
        config.discord().ifPresent(d -> out.add("discord"));
        return out;
    }

    /**
     * Discord's bot, when configured, for a coordinator's term: its notifier delivers once
     * {@link #serveDiscord} has logged it in; closing it ends the session.
     */
    Optional<DiscordBot> connectDiscord(Clock clock) {
        return config.discord().map(settings -> {
            DiscordBot bot = DiscordBot.connect(settings, clock);
            discord.set(bot);
            return bot;
        });
    }

    /** Logs {@code bot} in: its session takes commands, buttons and autocomplete. */
    void serveDiscord(DiscordBot bot, CommandExecutor commands, IncidentService incidents, Clock clock) {
        bot.serve(commands::execute, new Completions(incidents, config.targets(), clock));
    }

    /** {@code limits} with Slack's configured message interval. */
    RateLimits rateLimits(RateLimits limits) {
        return slack.map(bot -> limits.with("slack", bot.messageInterval())).orElse(limits);
    }

    /** Starts taking Slack's commands and buttons. */
    void serve(CommandExecutor commands) {
        slack.ifPresent(bot -> bot.serve(commands::execute, config.team().team().groups("slack-group")));
    }

    /**
     * One {@code /readyz} check per platform: what it refuses now. Discord's is the session of
     * this node's term; a node that does not coordinate has none and says so (not a failure).
     */
    List<Readiness.Check> checks(BooleanSupplier coordinating) {
        List<Readiness.Check> out = new ArrayList<>();
        slack.ifPresent(bot -> out.add(check("slack", "accepted", bot::problems)));
        config.discord().ifPresent(settings -> out.add(new Readiness.Check("discord", () -> {
            DiscordBot bot = discord.get();
            if (!coordinating.getAsBoolean() || bot == null) {
                return Readiness.Result.ok("standby: the coordinator holds the Discord session");
            }
            List<String> now = bot.problems();
            return now.isEmpty() ? Readiness.Result.ok("connected") : Readiness.Result.failed(String.join("; ", now));
        })));
        return out;
    }

    private static Readiness.Check check(String name, String ok, Supplier<List<String>> problems) {
        return new Readiness.Check(name, () -> {
            List<String> now = problems.get();
            return now.isEmpty() ? Readiness.Result.ok(ok) : Readiness.Result.failed(String.join("; ", now));
        });
    }

    /**
     * Slack's {@code POST /slack/events} in HTTP mode; nothing otherwise. A body over
     * {@link #SLACK_BODY_MAX} gets 413: at once when its {@code Content-Length} says so, without
     * reading it; otherwise once that much has been read. The rest goes to {@link SlackBot#http}
     * whole, which verifies it before anything parses it.
     */
    List<Route> routes() {
        return slack.filter(SlackBot::httpMode).map(bot -> List.of(Route.post("/slack/events", r -> {
            if (r.contentLength().orElse(0) > SLACK_BODY_MAX) {
                return tooLarge();
            }
            byte[] body;
            try {
                body = r.body().readNBytes(SLACK_BODY_MAX + 1);
            } catch (IOException e) {
                return Response.error(400, "the body could not be read");
            }
            if (body.length > SLACK_BODY_MAX) {
                return tooLarge();
            }
            // The connection's peer address, for a refusal's log line; a forwarded-for header is
            // the sender's word, never read.
            var answer = bot.http(body, r.headers(), r.remoteAddress());
            return new Response(answer.status(), answer.contentType(), Map.of(),
                    answer.body().getBytes(StandardCharsets.UTF_8));
        }))).orElse(List.of());
    }

    private static Response tooLarge() {
        return Response.error(413, "a Slack request is at most " + SLACK_BODY_MAX + " bytes");
    }

    @Override
    public void close() {
        slack.ifPresent(SlackBot::close);
    }
}
