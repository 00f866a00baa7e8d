package io.varde.metrics;

import static io.varde.testing.TestTargets.T0;

import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentState;
import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.HostName;
import io.varde.intel.Match;
import io.varde.intel.ClaimSource;
import io.varde.intel.IntelEvent;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskedTarget;
import io.varde.notify.DeliveryListener;
import io.varde.testing.TestTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A small scenario fed into a fresh {@link VardeMetrics}: two targets, three checks of
 * {@code portal} (two OK, one FAIL by timeout) and one of {@code tax} failing a condition, both
 * targets' states, two incidents, a few deliveries, a claim and a task list.
 */
final class MetricsScenario {

    static final Target PORTAL = TestTargets.http("portal");
    static final Target TAX = TestTargets.http("tax");
    final List<IntelEvent> passedOn = new ArrayList<>();

    static VardeMetrics fed() {
        return new MetricsScenario().feed(new VardeMetrics(Clock.fixed(T0, ZoneOffset.UTC)));
    }

    VardeMetrics feed(VardeMetrics m) {
        m.targetStates(List.of(PORTAL, TAX), () -> List.of(report(PORTAL, TargetState.DOWN),
                report(TAX, TargetState.UNKNOWN)));
        m.checked(check("portal", 80, Outcome.OK, null));
        m.checked(check("portal", 700, Outcome.OK, null));
        m.checked(check("portal", 5000, Outcome.FAIL, new ProbeError(ProbeError.Reason.TIMEOUT, "no answer in 5s")));
        m.checked(check("tax", 120, Outcome.FAIL, null));
        m.incidents(() -> List.of(incident(1, IncidentKind.OUTAGE, IncidentState.OPEN),
                incident(2, IncidentKind.OUTAGE, IncidentState.ACKNOWLEDGED),
                incident(3, IncidentKind.TASKED, IncidentState.OPEN),
                incident(4, IncidentKind.OUTAGE, IncidentState.OPEN)));
        m.queued(() -> 7);
        m.dropped("history", () -> 3);
        m.dropped("events", () -> 0);
        DeliveryListener l = m.deliveryListener();
        l.sent("slack:C1");
        l.sent("slack:C2");
        l.failed("webhook:duty", false);
        l.failed("webhook:duty", true);
        l.rateLimited("slack:C1", Duration.ofMillis(750));
        l.rateLimited("slack:C2", Duration.ofMillis(500));
        var intel = m.intel(passedOn::add);
        intel.accept(new IntelEvent.ClaimSeen(new StoredClaim(1, new Claim(ClaimSource.FEED, "cert-feed", "post-1",
                "NoName057(16)", T0, T0, List.of(host("portal.example")), List.of(), List.of(), "we attacked portal"),
                List.of(match("portal")))));
        intel.accept(new IntelEvent.TaskingChanged(T0, "ddosia", List.of(), List.of(),
                List.of(new TaskedTarget("portal", match("portal"), Set.of()),
                        new TaskedTarget("tax", match("tax"), Set.of()))));
        return m;
    }

    static HostName host(String raw) {
        return new HostName(raw, raw, Optional.of(raw), false);
    }

    static ClaimMatch match(String targetId) {
        return new ClaimMatch(targetId, targetId + ".example", Match.Reason.HOST, targetId + ".example");
    }

    static CheckResult check(String id, long millis, Outcome outcome, ProbeError error) {
        return new CheckResult(id, T0, Duration.ofMillis(millis), outcome, error,
                List.of(new ConditionResult("[STATUS] == 200", outcome == Outcome.OK, "503")));
    }

    static TargetReport report(Target t, TargetState state) {
        return new TargetReport(t, state, T0, false, T0, Duration.ofMillis(80), "", 1.0);
    }

    static Incident incident(long n, IncidentKind kind, IncidentState state) {
        return new Incident(n, "target:" + n, kind, "INC " + n, Severity.CRITICAL, state, List.of(),
                Labels.empty(), T0, T0, null, null, null, "default", null, 0, null, null, 1, List.of());
    }
}
