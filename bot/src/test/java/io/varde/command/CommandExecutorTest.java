package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Commands run end to end against incidents: roles, replies, and what lands on the timeline. */
class CommandExecutorTest {

    private static final Instant NOW = TestTargets.T0.plusSeconds(600);
    private static final Target BORGER = target("borger-dk", "borger.dk", "government");
    private static final Target TRM = target("trm-dk", "www.trm.dk", "government");
    private static final Target KK = target("kk-dk", "kk.dk", "municipal");

    private final MemoryIncidentStore store = new MemoryIncidentStore();
    private final Team team = new Team(Map.of(
            "slack:U0LEAD", Role.LEAD,
            "slack:U0RESP", Role.RESPONDER,
            "slack-group:S0OPS", Role.RESPONDER,
            "discord-role:42", Role.LEAD,
            "slack:U0NONE", Role.NONE), Role.VIEWER, Duration.ofDays(7));
    private final IncidentService incidents = new IncidentService(store, new TeamConfig(team, List.of(),
            new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), null, List.of(), null),
            Map.of(), Map.of()), List.of(BORGER, TRM, KK), () -> { });
    private final CommandExecutor executor = new CommandExecutor(incidents, this::reports, team,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Target target(String id, String name, String sector) {
        return new Target(id, name, HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)), Duration.ofSeconds(30),
                Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.of(Map.of("sector", sector)),
                List.of("www." + id.replace("-dk", ".dk")), List.of(), false);
    }

    private List<TargetReport> reports(Instant now) {
        return List.of(
                new TargetReport(BORGER, TargetState.DOWN, TestTargets.T0, false, NOW.minusSeconds(5),
                        Duration.ofMillis(3), "[STATUS] == 200 (observed 503)", 0.9712),
                new TargetReport(TRM, TargetState.UP, TestTargets.T0, false, NOW.minusSeconds(9),
                        Duration.ofMillis(120), "", 1.0),
                new TargetReport(KK, TargetState.DEGRADED, NOW.minusSeconds(90), true, NOW.minusSeconds(2),
                        Duration.ofMillis(2500), "[RESPONSE_TIME] < 2000 (observed 2500ms)", Double.NaN));
    }

    private Reply run(String user, String text) {
        return run(new Actor("slack", user, user), List.of(), text);
    }

    private Reply run(Actor actor, List<String> groups, String text) {
        return executor.execute(new CommandRequest(actor, groups, text));
    }

    private void borgerDown() {
        incidents.onEvents(List.of(new StateChanged(TestTargets.T0, BORGER, TargetState.UP, TargetState.DOWN,
                null, TestTargets.fail("borger-dk", TestTargets.T0))));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
        "status,              U0NONE, needs the viewer role",
        "status,              U0WHO,  ok",
        "incidents,           U0WHO,  ok",
        "help,                U0WHO,  ok",
        "ack INC-1,           U0WHO,  needs the responder role",
        "ack INC-1,           U0RESP, ok",
        "ack INC-1,           U0LEAD, ok",
        "mute INC-1 1h,       U0RESP, needs the lead role",
        "mute INC-1 1h,       U0LEAD, ok",
        "unmute borger-dk,    U0RESP, needs the lead role",
        "escalate INC-1,      U0RESP, needs the lead role",
        "resolve INC-1,       U0WHO,  needs the lead role",
        "resolve INC-1,       U0RESP, needs the lead role",
        "resolve INC-1,       U0LEAD, ok",
    })
    void commandByRole(String command, String user, String expected) {
        borgerDown();
        Reply reply = run(user, command);

        if (expected.equals("ok")) {
            assertThat(reply.ok()).as(reply.card().title()).isTrue();
        } else {
            assertThat(reply.ok()).isFalse();
            assertThat(reply.card().title()).endsWith(expected);
            assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CALLER);
        }
    }

    @Test
    void rolesComeFromUserGroupsAndDiscordRolesToo() {
        borgerDown();
        assertThat(run(new Actor("slack", "U0NEW", "new"), List.of("S0OPS"), "ack INC-1").ok()).isTrue();
        assertThat(run(new Actor("discord", "1234567", "dina"), List.of("42"), "resolve INC-1").ok()).isTrue();
    }

    @Test
    void aRefusedActionOnAnIncidentIsWrittenToItsTimeline() {
        borgerDown();
        Reply reply = run("U0RESP", "resolve INC-1 all good");

        assertThat(reply.card().title()).isEqualTo("resolve needs the lead role");
        TimelineEntry denied = incidents.timeline(1).get(1);
        assertThat(denied.action()).isEqualTo(TimelineAction.DENIED);
        assertThat(denied.text()).isEqualTo("U0RESP (slack) tried \"resolve INC-1 all good\": needs role lead");
        assertThat(incidents.incident(1).orElseThrow().resolved()).isFalse();
    }

    @Test
    void actionsAreAnsweredInTheChannelAndRefusalsToTheCaller() {
        borgerDown();
        Reply ack = run("U0RESP", "ack #1");
        Reply again = run("U0LEAD", "ack INC-1");

        assertThat(ack.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(ack.card().title()).isEqualTo("INC-1 acknowledged: escalation and reminders stopped");
        assertThat(again.ok()).isFalse();
        assertThat(again.visibility()).isEqualTo(Reply.Visibility.CALLER);
        assertThat(again.card().title()).startsWith("INC-1 was already acknowledged by U0RESP (slack)");
        assertThat(again.card().fields()).extracting(f -> f.value()).containsExactly("ack <incident>");
    }

    @Test
    void statusListsWhatIsWrongNow() {
        borgerDown();
        Reply status = run("U0WHO", "status");

        assertThat(status.visibility()).isEqualTo(Reply.Visibility.CALLER);
        assertThat(status.card().title()).isEqualTo("2 of 3 targets have problems");
        assertThat(status.card().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(status.card().lines()).containsExactly(
                "DOWN borger-dk for 10m, INC-1: [STATUS] == 200 (observed 503)",
                "DEGRADED (flapping) kk-dk for 1m30s: [RESPONSE_TIME] < 2000 (observed 2500ms)");
    }

    @Test
    void statusOfOneTargetByIdOrAliasOrOfLabels() {
        borgerDown();
        Reply one = run("U0WHO", "status www.borger.dk");
        Reply gov = run("U0WHO", "status sector=government");
        Reply none = run("U0WHO", "status nope");

        assertThat(one.card().title()).isEqualTo("borger.dk (borger-dk) is DOWN");
        assertThat(one.card().fields()).extracting(f -> f.name() + ": " + f.value()).containsExactly(
                "State: DOWN since 2025-11-13 08:00 UTC",
                "Last check: 2025-11-13 08:09 UTC, 3ms",
                "Uptime 24h: 97.12%",
                "Incident: INC-1 borger.dk is DOWN");
        assertThat(gov.card().title()).isEqualTo("1 of 2 targets matching sector=\"government\" have problems");
        assertThat(none.ok()).isFalse();
        assertThat(none.card().title()).isEqualTo("no target \"nope\"");
    }

    @Test
    void incidentsListsOpenOnesWithMuteAndAck() {
        borgerDown();
        run("U0LEAD", "mute INC-1 2h planned");
        run("U0RESP", "ack INC-1");

        Reply open = run("U0WHO", "incidents");
        assertThat(open.card().title()).isEqualTo("1 open incident");
        assertThat(open.card().lines()).containsExactly("INC-1 CRITICAL borger.dk is DOWN, open 10m,"
                + " acknowledged by U0RESP (slack), muted until 2025-11-13 10:10 UTC (M-1)");

        run("U0LEAD", "resolve INC-1");
        assertThat(run("U0WHO", "incidents").card().title()).isEqualTo("No open incidents");
        assertThat(run("U0WHO", "incidents all").card().lines()).singleElement().asString()
                .startsWith("INC-1 RESOLVED borger.dk is DOWN, resolved 2025-11-13 08:10 UTC");
    }

    @Test
    void incidentsSayWhenTheNextEscalationIsDue() {
        io.varde.incident.EscalationPolicy policy = new io.varde.incident.EscalationPolicy("standard", List.of(
                new io.varde.incident.EscalationPolicy.Level(Duration.ZERO, List.of("console"), List.of()),
                new io.varde.incident.EscalationPolicy.Level(Duration.ofMinutes(10), List.of(), List.of())));
        IncidentService escalating = new IncidentService(new MemoryIncidentStore(), new TeamConfig(team, List.of(),
                new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), "standard",
                        List.of(), null), Map.of("standard", policy), Map.of()), List.of(BORGER), () -> { });
        escalating.onEvents(List.of(new StateChanged(TestTargets.T0, BORGER, TargetState.UP, TargetState.DOWN,
                null, TestTargets.fail("borger-dk", TestTargets.T0))));
        CommandExecutor exec = new CommandExecutor(escalating, this::reports, team, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(exec.execute(new CommandRequest(new Actor("slack", "U0WHO", "who"), List.of(), "incidents"))
                .card().lines()).containsExactly("INC-1 CRITICAL borger.dk is DOWN, open 10m, level 1,"
                + " escalates at 2025-11-13 08:10 UTC");
    }

    @Test
    void aBadCommandGetsTheReasonAndUsage() {
        Reply reply = run("U0LEAD", "mute borger-dk 1x");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.card().title()).contains("1x");
    }
}
