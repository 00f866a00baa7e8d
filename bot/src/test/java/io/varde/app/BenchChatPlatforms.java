package io.varde.app;

import io.varde.command.CommandExecutor;
import io.varde.config.VardeConfig;
import io.varde.incident.IncidentService;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.web.Readiness;
import io.varde.web.Route;
import java.time.Clock;
import java.util.List;

/**
 * {@link ChatPlatforms} (package-private, part of {@link Wiring}) opened to the benchmark
 * harnesses in {@code io.varde.bench}, so they wire Slack and Discord exactly as {@code run}
 * does: the same bots, notifiers, rate limits, command handling and Slack HTTP route. Test
 * sources only.
 */
public final class BenchChatPlatforms implements AutoCloseable {

    private final ChatPlatforms chats;
    private final java.util.Optional<io.varde.chat.discord.DiscordBot> discord;

    /** Connects the notifiers of the platforms {@code config} turns on. */
    public BenchChatPlatforms(VardeConfig config, Clock clock) {
        this.chats = new ChatPlatforms(config, clock);
        this.discord = chats.connectDiscord(clock);
    }

    public List<Notifier> notifiers() {
        List<Notifier> out = new java.util.ArrayList<>(chats.notifiers());
        discord.ifPresent(bot -> out.add(bot.notifier()));
        return out;
    }

    /** {@code limits} with Slack's configured message interval, as {@code Wiring} builds them. */
    public RateLimits rateLimits(RateLimits limits) {
        return chats.rateLimits(limits);
    }

    /** Starts taking commands (logs in to Discord, readies Slack's HTTP mode or Socket Mode). */
    public void serve(CommandExecutor commands, IncidentService incidents, Clock clock) {
        chats.serve(commands);
        discord.ifPresent(bot -> chats.serveDiscord(bot, commands, incidents, clock));
    }

    /** One {@code /readyz} check per platform. */
    public List<Readiness.Check> checks() {
        return chats.checks(() -> true);
    }

    /** Slack's {@code POST /slack/events} in HTTP mode. */
    public List<Route> routes() {
        return chats.routes();
    }

    @Override
    public void close() {
        discord.ifPresent(io.varde.chat.discord.DiscordBot::close);
        chats.close();
    }
}
