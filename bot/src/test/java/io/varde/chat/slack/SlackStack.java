package io.varde.chat.slack;

import io.varde.check.Target;
import io.varde.command.CommandExecutor;
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
import io.varde.notify.RateLimits;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import io.varde.testing.FakeSlack;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Varde's Slack path as {@code Wiring} builds it, on an embedded H2 and a {@link FakeSlack}:
 * incidents, the outbox and its delivery worker, {@link SlackBot} (notifier and Bolt app) and the
 * command executor. Every alert goes to {@code slack:C0OPS} through {@code SLACK_DEFAULT_CHANNEL};
 * U0LEAD is a lead, U0RESP a responder, members of user group S0LEADS are leads, anyone else a
 * viewer; the escalation policy's level 1 mentions S0LEADS.
 */
final class SlackStack implements AutoCloseable {

    static final String BOT = "xoxb-test-0000000000-varde";
    static final String APP = "xapp-1-A0VARDE-0000000000-varde";
    static final String SECRET = "8f742231b10e8888abcd99eeeeee85a5";
    static final String CHANNEL = "C0OPS";

    final FakeSlack fake;
    final Database db;
    final IncidentService incidents;
    final DeliveryWorker worker;
    final SlackBot bot;
    final CommandExecutor commands;
    private final List<Target> targets;

    /**
     * @param appToken null for HTTP mode
     * @param interval the least time between two messages to a channel
     */
    SlackStack(Path data, FakeSlack fake, Clock clock, String appToken, Duration interval, List<Target> targets)
            throws Exception {
        this.fake = fake;
        this.targets = targets;
        Team team = new Team(Map.of("slack:U0LEAD", Role.LEAD, "slack:U0RESP", Role.RESPONDER,
                "slack-group:S0LEADS", Role.LEAD), Role.VIEWER, Duration.ofDays(7));
        SlackSettings settings = new SlackSettings(BOT, appToken, appToken == null ? SECRET : null,
                URI.create(fake.apiUrl()), CHANNEL, "/varde", interval);
        TeamConfig config = new TeamConfig(team, List.of(), new Route("default", new Matchers(List.of()),
                Severity.INFO, List.of(), "standard", List.of(), null),
                Map.of("standard", new EscalationPolicy("standard", List.of(new EscalationPolicy.Level(
                        Duration.ofMinutes(10), List.of(), List.of("slack-group:S0LEADS"))))), Map.of())
                .withDefaultChannel(settings.defaultRouteChannel().orElseThrow());
        db = Database.open(DbSettings.embedded(data));
        bot = SlackBot.connect(settings, clock);
        worker = new DeliveryWorker(new JdbcOutboxStore(db), List.of(bot.notifier()),
                RateLimits.defaults().with("slack", interval), Backoff.standard());
        incidents = new IncidentService(new JdbcIncidentStore(db), config, targets, worker::wake);
        commands = new CommandExecutor(incidents, now -> List.of(), team, clock);
        bot.serve(commands::execute, team.groups("slack-group"));
    }

    /** Target {@code i} goes DOWN at {@code at}: an incident of its own. */
    void down(int i, Instant at) {
        Target t = targets.get(i);
        incidents.onEvents(List.of(new StateChanged(at, t, TargetState.UP, TargetState.DOWN, null,
                TestTargets.fail(t.id(), at))));
    }

    @Override
    public void close() throws Exception {
        worker.close();
        bot.close();
        db.close();
        fake.close();
    }
}
