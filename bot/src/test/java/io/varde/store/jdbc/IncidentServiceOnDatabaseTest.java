package io.varde.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.EscalationPolicy;
import io.varde.incident.IncidentService;
import io.varde.incident.IncidentState;
import io.varde.incident.MuteScope;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.incident.TimelineAction;
import io.varde.incident.TimelineEntry;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident service's walks run on the in-memory store; this one runs a whole life on the
 * real JDBC stores (embedded H2 file, reopened half-way as after a restart), so the service and
 * the stores agree on every access: reopening a key after its incident resolved, mutes read back
 * with their scope, timers, the outbox in order.
 */
class IncidentServiceOnDatabaseTest {

    private static final Instant T0 = TestTargets.T0;
    private static final Target SITE = new Target("borger-dk", "borger.dk",
            HttpSpec.get(URI.create("http://127.0.0.1:9/")), Duration.ofSeconds(30), Duration.ofSeconds(5),
            DetectionSettings.DEFAULTS, Labels.of(Map.of("sector", "government")), List.of(), List.of(), false);
    private static final Actor LEAD = new Actor("slack", "U0LEAD", "lea");
    private static final TeamConfig CONFIG = new TeamConfig(
            new Team(Map.of(), Role.VIEWER, Duration.ofDays(7)),
            List.of(new Route("gov", Matchers.parse("sector=\"government\""), Severity.WARNING,
                    List.of("console"), "standard", List.of(), Duration.ofHours(1))),
            new Route("default", new Matchers(List.of()), Severity.INFO, List.of("console"), null, List.of(), null),
            Map.of("standard", new EscalationPolicy("standard", List.of(
                    new EscalationPolicy.Level(Duration.ofMinutes(5), List.of("webhook:duty"),
                            List.of("slack-group:S0LEADS"))))),
            Map.of());

    @TempDir
    Path data;
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private IncidentService open() {
        if (db != null) {
            db.close();
        }
        db = Database.open(DbSettings.embedded(data));
        return new IncidentService(new JdbcIncidentStore(db), CONFIG, List.of(SITE), () -> { });
    }

    private static StateChanged change(TargetState from, TargetState to, Instant at) {
        return new StateChanged(at, SITE, from, to, to == TargetState.UP ? Duration.ofMinutes(1) : null,
                to == TargetState.UP ? TestTargets.ok("borger-dk", at, 90) : TestTargets.fail("borger-dk", at));
    }

    private List<String> outbox() {
        return new JdbcOutboxStore(db).pending(100).stream().map(p -> p.message().key()).toList();
    }

    @Test
    void aWholeIncidentLifeOnTheDatabaseAcrossARestart() {
        IncidentService incidents = open();
        incidents.onEvents(List.of(change(TargetState.UP, TargetState.DOWN, T0)));
        incidents.mute(new MuteScope.OfTarget("borger-dk"), Duration.ofMinutes(3), "deploy", LEAD,
                T0.plusSeconds(10));

        incidents = open();
        assertThat(incidents.activeMutes(T0.plusSeconds(20))).singleElement()
                .satisfies(m -> assertThat(m.scope()).isEqualTo(new MuteScope.OfTarget("borger-dk")));
        assertThat(incidents.sweep(T0.plusSeconds(189))).isZero();
        assertThat(incidents.sweep(T0.plusSeconds(190))).as("mute expired").isEqualTo(1);
        assertThat(incidents.sweep(T0.plusSeconds(300))).as("level 1 due").isEqualTo(1);
        assertThat(incidents.sweep(T0.plusSeconds(300))).isZero();
        assertThat(incidents.incident(1).orElseThrow().escalationLevel()).isEqualTo(1);
        incidents.onEvents(List.of(change(TargetState.DOWN, TargetState.UP, T0.plusSeconds(400))));
        incidents.onEvents(List.of(change(TargetState.UP, TargetState.DOWN, T0.plusSeconds(500))));

        assertThat(incidents.incident(1).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incidents.incident(2).orElseThrow().key()).isEqualTo(incidents.incident(1).orElseThrow().key());
        assertThat(incidents.timeline(1)).extracting(TimelineEntry::action).containsExactly(
                TimelineAction.OPENED, TimelineAction.MUTED, TimelineAction.MUTE_EXPIRED,
                TimelineAction.ESCALATED, TimelineAction.RESOLVED);
        assertThat(outbox()).containsExactly("INC-1/console/r1", "INC-1/console/r2", "INC-1/console/r3",
                "INC-1/console/r4", "INC-1/webhook:duty/r4", "INC-1/console/r5", "INC-1/webhook:duty/r5",
                "INC-2/console/r1");
        assertThat(incidents.storedTargetStates().get("borger-dk").state()).isEqualTo(TargetState.DOWN);
    }
}
