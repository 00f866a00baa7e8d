package io.varde.incident;

import static io.varde.incident.IncidentFixture.BORGER;
import static io.varde.incident.IncidentFixture.KK;
import static io.varde.incident.IncidentFixture.KK_BORGER;
import static io.varde.incident.IncidentFixture.TRM;
import static io.varde.incident.IncidentFixture.at;
import static io.varde.incident.TimelineAction.IMPROVED;
import static io.varde.incident.TimelineAction.OPENED;
import static io.varde.incident.TimelineAction.RESOLVED;
import static io.varde.incident.TimelineAction.TARGET_JOINED;
import static io.varde.incident.TimelineAction.TARGET_RECOVERED;
import static io.varde.incident.TimelineAction.WORSENED;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.TargetState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step-by-step walks: detection events in, incidents, timelines and outbox messages out. */
class IncidentLifecycleTest {

    private final IncidentFixture f = new IncidentFixture();

    @Test
    void aTargetGoingDownOpensAnIncidentThatResolvesItselfWhenItIsBack() {
        f.down(BORGER, "0s");

        Incident opened = f.incident(1);
        assertThat(opened.id()).isEqualTo("INC-1");
        assertThat(opened.title()).isEqualTo("borger.dk is DOWN");
        assertThat(opened.kind()).isEqualTo(IncidentKind.OUTAGE);
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.state()).isEqualTo(IncidentState.OPEN);
        assertThat(opened.labels().get("org")).isEqualTo("digst");
        assertThat(opened.targets()).singleElement()
                .satisfies(t -> assertThat(t.problem()).contains("connection refused"));
        assertThat(f.sent()).containsExactly("INC-1/console/r1");
        Card card = f.last().card();
        assertThat(card.title()).isEqualTo("borger.dk is DOWN");
        assertThat(card.buttons()).extracting(Card.Button::command)
                .containsExactly("ack INC-1", "mute INC-1 1h", "escalate INC-1");

        f.up(BORGER, "7m");

        Incident resolved = f.incident(1);
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("7m"));
        assertThat(f.actions(1)).containsExactly(OPENED, RESOLVED);
        assertThat(f.sent()).containsExactly("INC-1/console/r1", "INC-1/console/r2");
        assertThat(f.last().card().severity()).isEqualTo(Severity.RESOLVED);
        assertThat(f.last().card().buttons()).isEmpty();
        assertThat(f.last().change()).isEqualTo("borger.dk is back UP after 5m DOWN: resolved");
    }

    @Test
    void anIncidentWorsensAndImprovesWithItsTarget() {
        f.degraded(BORGER, "0s");
        assertThat(f.incident(1).kind()).isEqualTo(IncidentKind.DEGRADED);
        assertThat(f.incident(1).severity()).isEqualTo(Severity.WARNING);

        f.change(BORGER, TargetState.DEGRADED, TargetState.DOWN, "1m");
        assertThat(f.incident(1).kind()).isEqualTo(IncidentKind.OUTAGE);
        assertThat(f.incident(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.incident(1).title()).isEqualTo("borger.dk is DOWN");

        f.change(BORGER, TargetState.DOWN, TargetState.DEGRADED, "2m");
        assertThat(f.incident(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(f.actions(1)).containsExactly(OPENED, WORSENED, IMPROVED);
        assertThat(f.incident(1).revision()).isEqualTo(3);
        assertThat(f.sent()).hasSize(3);
    }

    @Test
    void withoutGroupingEachTargetGetsItsOwnIncident() {
        f.down(BORGER, "0s");
        f.down(TRM, "10s");

        assertThat(f.service.unresolved()).extracting(Incident::title)
                .containsExactly("borger.dk is DOWN", "www.trm.dk is DOWN");
    }

    @Test
    void targetsOfOneGroupJoinOneIncidentWhichResolvesWhenAllAreBack() {
        IncidentFixture g = new IncidentFixture(IncidentFixture.config(List.of("org"), null));
        g.down(KK, "0s");
        g.degraded(KK_BORGER, "30s");

        assertThat(g.service.unresolved()).hasSize(1);
        Incident i = g.incident(1);
        assertThat(i.key()).isEqualTo("group:municipal:org=kk");
        assertThat(i.title()).isEqualTo("2 targets: 1 DOWN, 1 DEGRADED");
        assertThat(i.labels().get("org")).isEqualTo("kk");

        g.up(KK, "5m");
        assertThat(g.incident(1).state()).isEqualTo(IncidentState.OPEN);
        assertThat(g.incident(1).title()).isEqualTo("2 targets: 1 DEGRADED, 1 back UP");

        g.down(KK, "6m");
        g.up(KK, "7m");
        g.up(KK_BORGER, "8m");
        assertThat(g.incident(1).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(g.actions(1)).containsExactly(OPENED, TARGET_JOINED, TARGET_RECOVERED, TARGET_JOINED,
                TARGET_RECOVERED, RESOLVED);
        assertThat(g.service.timeline(1).get(3).text()).isEqualTo("kk.dk is DOWN again: connect: connection refused");
        assertThat(g.sent()).hasSize(12).startsWith("INC-1/slack:C0MUNI/r1", "INC-1/console/r1")
                .as("the route's channel and level 1's channel get every revision")
                .endsWith("INC-1/slack:C0MUNI/r6", "INC-1/console/r6");
    }

    @Test
    void aTargetThatFailsAfterItsIncidentResolvedOpensANewOne() {
        f.down(BORGER, "0s");
        f.up(BORGER, "1m");
        f.down(BORGER, "2m");

        assertThat(f.service.unresolved()).extracting(Incident::id).containsExactly("INC-2");
    }

    @Test
    void connectivityLossIsOneIncidentThatResolvesWhenACanaryIsBack() {
        f.events(new ConnectivityLost(at("0s"), List.of(new CanaryFailure("canary-a", "connect timed out"),
                new CanaryFailure("canary-b", "DNS lookup failed"))));
        f.events(new ConnectivityLost(at("10s"), List.of(new CanaryFailure("canary-a", "again"))));

        Incident lost = f.incident(1);
        assertThat(lost.kind()).isEqualTo(IncidentKind.CONNECTIVITY);
        assertThat(lost.title()).isEqualTo("Monitoring connectivity lost");
        assertThat(lost.targets()).hasSize(2);
        assertThat(f.service.unresolved()).hasSize(1);

        f.events(new ConnectivityRestored(at("3m"), Duration.ofMinutes(3), 4));
        assertThat(f.incident(1).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.last().change()).isEqualTo(
                "monitoring connectivity restored after 3m; 4 targets that changed meanwhile are re-checked");
    }

    @Test
    void flappingIsADegradedIncidentUntilTheTargetSettles() {
        f.events(new FlappingStarted(at("0s"), BORGER, TargetState.UP, 5, Duration.ofMinutes(15)));
        Incident flapping = f.incident(1);
        assertThat(flapping.kind()).isEqualTo(IncidentKind.DEGRADED);
        assertThat(flapping.targets().get(0).problem()).isEqualTo("flapping: 5 state changes in 15m");

        f.events(new FlappingStopped(at("20m"), BORGER, TargetState.UP));
        assertThat(f.incident(1).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(f.last().change()).isEqualTo("borger.dk is back UP, stopped flapping: resolved");
    }

    @Test
    void targetStatesAreRecordedForTheNextStart() {
        f.down(BORGER, "0s");
        f.up(TRM, "1m");

        var states = f.store.inTransaction(IncidentTx::targetStates);
        assertThat(states.get("borger-dk").state()).isEqualTo(TargetState.DOWN);
        assertThat(states.get("trm-dk").state()).isEqualTo(TargetState.UP);
        assertThat(f.wakes).isEqualTo(2);
    }
}
