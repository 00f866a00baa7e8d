package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Target;
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
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.TestTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever anyone types, executing it (as a lead, so that every command really runs against
 * open incidents) never throws and always gives a well-formed reply: a one-line title, fields
 * and lines without nulls, refusals and errors to the caller only.
 */
class CommandExecutorPropertiesTest {

    private static final List<Target> TARGETS = List.of(TestTargets.http("borger-dk"), TestTargets.http("trm-dk"));

    @Property(tries = 1000)
    void anyInputGetsAWellFormedReply(@ForAll("inputs") String text) {
        MemoryIncidentStore store = new MemoryIncidentStore();
        Team team = new Team(Map.of(), Role.LEAD, Duration.ofDays(7));
        IncidentService incidents = new IncidentService(store, new TeamConfig(team, List.of(),
                new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), null,
                        List.of(), Duration.ofHours(1)), Map.of(), Map.of()), TARGETS, () -> { });
        for (Target t : TARGETS) {
            incidents.onEvents(List.of(new StateChanged(TestTargets.T0, t, TargetState.UP, TargetState.DOWN, null,
                    TestTargets.fail(t.id(), TestTargets.T0))));
        }
        CommandExecutor executor = new CommandExecutor(incidents, now -> TARGETS.stream()
                .map(t -> new TargetReport(t, TargetState.DOWN, TestTargets.T0, false, TestTargets.T0,
                        Duration.ofMillis(3), "connect: connection refused", 0.5)).toList(),
                team, Clock.fixed(TestTargets.T0.plusSeconds(60), ZoneOffset.UTC));

        Reply reply = executor.execute(new CommandRequest(new Actor("slack", "U0ANY", "any"), List.of(), text));

        assertThat(reply.card().title()).isNotBlank().doesNotContain("\n");
        reply.card().fields().forEach(f -> assertThat(f.value()).isNotNull());
        assertThat(reply.card().lines()).doesNotContainNull();
        if (!reply.ok()) {
            assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CALLER);
        }
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.oneOf(new CommandParserPropertiesTest().inputs(),
                Arbitraries.of("status", "incidents all", "ack INC-1", "ack 2", "mute INC-1 1h planned",
                        "mute borger-dk 30m", "mute sector=\"government\" 2h", "unmute borger-dk", "unmute M-1",
                        "escalate INC-1", "escalate 2 3 now", "resolve #1 done", "help mute", "status trm-dk"));
    }
}
