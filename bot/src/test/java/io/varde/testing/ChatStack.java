package io.varde.testing;

import io.varde.chat.discord.Completions;
import io.varde.chat.discord.DiscordBot;
import io.varde.chat.slack.SlackBot;
import io.varde.check.Target;
import io.varde.command.CommandExecutor;
import io.varde.config.DiscordSettings;
import io.varde.config.SlackSettings;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.incident.EscalationPolicy;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.notify.Backoff;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Varde's chat paths as {@code Wiring} builds them, on an embedded H2 and local fakes: incidents,
 * the outbox and its delivery worker, the command executor, and {@link SlackBot} (notifier and Bolt
 * app) on a {@link FakeSlack} and/or {@link DiscordBot} (notifier and JDA bot) on a
 * {@link FakeDiscord}. Every alert goes to {@code slack:C0OPS} through
 * {@code SLACK_DEFAULT_CHANNEL} and to the fake's Discord channel through
 * {@code DISCORD_DEFAULT_CHANNEL}. Slack: U0LEAD is a lead, U0RESP a responder, members of user
 * group S0LEADS are leads; Discord: the fake's lead and responder roles; anyone else is a viewer.
 * The escalation policy's level 1 mentions S0LEADS and the Discord lead role.
 */
public final class ChatStack implements AutoCloseable {

    public static final String SECRET = "8f742231b10e8888abcd99eeeeee85a5";
    public static final String CHANNEL = "C0OPS";

    public final Database db;
    public final IncidentService incidents;
    public final DeliveryWorker worker;
    /** Null without a Slack fake. */
    public final SlackBot bot;
    /** Null without a Discord fake. */
    public final DiscordBot discord;
    public final CommandExecutor commands;
    private final List<Target> targets;
    private final List<AutoCloseable> fakes = new ArrayList<>();

    /**
     * Slack only.
     *
     * @param appToken null for HTTP mode
     * @param interval the least time between two messages to a channel
     */
    public ChatStack(Path data, FakeSlack fake, Clock clock, String appToken, Duration interval, List<Target> targets) {
        this(data, fake, appToken, null, clock, interval, targets);
    }

    /**
     * Slack and/or Discord; the fakes are closed with the stack.
     *
     * @param slack    null for no Slack
     * @param appToken null for Slack's HTTP mode
     * @param discord  null for no Discord
     */
    public ChatStack(Path data, FakeSlack slack, String appToken, FakeDiscord discord, Clock clock, Duration interval,
                     List<Target> targets) {
        this.targets = targets;
        Map<String, Role> members = new HashMap<>(Map.of("slack:U0LEAD", Role.LEAD, "slack:U0RESP", Role.RESPONDER,
                "slack-group:S0LEADS", Role.LEAD));
        members.put("discord-role:" + FakeDiscord.LEAD_ROLE, Role.LEAD);
        members.put("discord-role:" + FakeDiscord.RESPONDER_ROLE, Role.RESPONDER);
        Team team = new Team(members, Role.VIEWER, Duration.ofDays(7));
        TeamConfig config = new TeamConfig(team, List.of(), new Route("default", new Matchers(List.of()),
                Severity.INFO, List.of(), "standard", List.of(), null),
                Map.of("standard", new EscalationPolicy("standard", List.of(new EscalationPolicy.Level(
                        Duration.ofMinutes(10), List.of(),
                        List.of("slack-group:S0LEADS", "discord-role:" + FakeDiscord.LEAD_ROLE))))), Map.of());
        db = Database.open(DbSettings.embedded(data));
        List<Notifier> notifiers = new ArrayList<>();
        if (slack != null) {
            fakes.add(slack);
            SlackSettings settings = new SlackSettings(FakeTokens.SLACK_BOT, appToken, appToken == null ? SECRET : null,
                    URI.create(slack.apiUrl()), CHANNEL, "/varde", interval);
            config = config.withDefaultChannel(settings.defaultRouteChannel().orElseThrow());
            bot = SlackBot.connect(settings, clock);
            notifiers.add(bot.notifier());
        } else {
            bot = null;
        }
        if (discord != null) {
            fakes.add(discord);
            DiscordSettings settings = new DiscordSettings(FakeTokens.DISCORD, FakeDiscord.GUILD_ID,
                    URI.create(discord.restUrl()), URI.create(discord.gatewayUrl()), FakeDiscord.CHANNEL_ID);
            config = config.withDefaultChannel(settings.defaultRouteChannel().orElseThrow());
            this.discord = DiscordBot.connect(settings, clock);
            notifiers.add(this.discord.notifier());
        } else {
            this.discord = null;
        }
        worker = new DeliveryWorker(new JdbcOutboxStore(db), notifiers,
                RateLimits.defaults().with("slack", interval).with("discord", interval), Backoff.standard());
        incidents = new IncidentService(new JdbcIncidentStore(db), config, targets, worker::wake);
        commands = new CommandExecutor(incidents, now -> List.of(), team, clock);
        if (bot != null) {
            bot.serve(commands::execute, team.groups("slack-group"));
        }
        if (this.discord != null) {
            this.discord.serve(commands::execute, new Completions(incidents, targets, clock));
        }
    }

    /** Target {@code i} goes DOWN at {@code at}: an incident of its own. */
    public void down(int i, Instant at) {
        Target t = targets.get(i);
        incidents.onEvents(List.of(new StateChanged(at, t, TargetState.UP, TargetState.DOWN, null,
                TestTargets.fail(t.id(), at))));
    }

    @Override
    public void close() throws Exception {
        worker.close();
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
        db.close();
        for (AutoCloseable fake : fakes) {
            fake.close();
        }
    }
}
