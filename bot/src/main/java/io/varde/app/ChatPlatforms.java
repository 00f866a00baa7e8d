package io.varde.app;

import io.varde.chat.discord.Completions;
import io.varde.chat.discord.DiscordBot;
import io.varde.chat.slack.SlackBot;
import io.varde.command.CommandExecutor;
import io.varde.config.VardeConfig;
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
import java.util.function.Supplier;

/**
 * The chat platforms the config turns on, for {@link Wiring}: their notifiers and rate limits
 * before delivery starts, then their command handling once the command executor exists, their
 * {@code /readyz} checks and Slack's HTTP endpoint. Part of the wiring, kept apart so the
 * platforms are wired in one place.
 */
final class ChatPlatforms implements AutoCloseable {

    /** Slack's requests are a few KiB; a larger body gets 413. */
    private static final int SLACK_BODY_MAX = 1 << 20;

    private final VardeConfig config;
    private final Optional<SlackBot> slack;
    private final Optional<DiscordBot> discord;

    /** Connects the platforms' notifiers (their logins come with {@link #serve}). */
    ChatPlatforms(VardeConfig config, Clock clock) {
        this.config = config;
        this.slack = config.slack().map(settings -> SlackBot.connect(settings, clock));
        this.discord = config.discord().map(settings -> DiscordBot.connect(settings, clock));
    }

    List<Notifier> notifiers() {
        List<Notifier> out = new ArrayList<>();
        slack.ifPresent(bot -> out.add(bot.notifier()));
        discord.ifPresent(bot -> out.add(bot.notifier()));
        return out;
    }

    /** {@code limits} with Slack's configured message interval. */
    RateLimits rateLimits(RateLimits limits) {
        return slack.map(bot -> limits.with("slack", bot.messageInterval())).orElse(limits);
    }

    /** Starts taking commands, buttons and (Discord) autocomplete on every platform. */
    void serve(CommandExecutor commands, IncidentService incidents, Clock clock) {
        slack.ifPresent(bot -> bot.serve(commands::execute, config.team().team().groups("slack-group")));
        discord.ifPresent(bot -> bot.serve(commands::execute, new Completions(incidents, config.targets(), clock)));
    }

    /** One {@code /readyz} check per platform: what it refuses now. */
    List<Readiness.Check> checks() {
        List<Readiness.Check> out = new ArrayList<>();
        slack.ifPresent(bot -> out.add(check("slack", "accepted", bot::problems)));
        discord.ifPresent(bot -> out.add(check("discord", "connected", bot::problems)));
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
        discord.ifPresent(DiscordBot::close);
    }
}
