package io.varde.store.jdbc;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.core.Card;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.TargetState;
import io.varde.incident.Actor;
import io.varde.incident.AffectedTarget;
import io.varde.incident.Evidence;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentState;
import io.varde.incident.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Values for the store tests. Times have microsecond precision, as stored. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");
    static final Actor ALICE = new Actor("slack", "U024BE7LH", "alice");

    private Fixtures() {
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A fresh open incident with only the required fields set (every nullable one null). */
    static Incident minimal(long number, String key) {
        return new Incident(number, key, IncidentKind.OUTAGE, "borger-dk is down", Severity.CRITICAL,
                IncidentState.OPEN, List.of(), Labels.empty(), T0, T0, null, null, null, "default",
                null, 0, null, null, 1, List.of());
    }

    /** An incident with every field set, acknowledged, two targets and labels. */
    static Incident full(long number, String key) {
        return new Incident(number, key, IncidentKind.DEGRADED, "2 government sites slow", Severity.WARNING,
                IncidentState.ACKNOWLEDGED,
                List.of(new AffectedTarget("borger-dk", TargetState.DOWN, t(1), "timeout: no answer in 10s"),
                        new AffectedTarget("skat-dk", TargetState.UP, t(2), "")),
                Labels.of(Map.of("sector", "government", "org", "kk \"quoted\" ø")),
                T0, t(60), t(3600), ALICE, t(30), "government", "gov-policy", 2, t(900), t(1800), 7,
                List.of(new Evidence("C-3", "claimed by NoName057(16) on feed x, 4m after we detected it"),
                        new Evidence("rule:campaign", "3 targets with sector=government DOWN within 10m")));
    }

    static Incident resolved(Incident i, Instant at) {
        Incident.Builder b = i.toBuilder();
        b.state = IncidentState.RESOLVED;
        b.resolvedAt = at;
        b.updatedAt = at;
        b.revision = i.revision() + 1;
        return b.build();
    }

    static Card card(String title) {
        return new Card(title, Severity.CRITICAL, List.of(new Card.Field("Targets", "borger-dk")),
                List.of("timeout: no answer in 10s", "since 10:15"),
                List.of(new Card.Button("Acknowledge", "ack INC-1", Card.Style.PRIMARY)));
    }

    static OutboxMessage message(long incident, int revision, String channel, Instant createdAt) {
        return new OutboxMessage(0, incident, revision, channel, card("INC-" + incident + " r" + revision),
                "opened", List.of("slack:U1", "slack-group:S2"), createdAt);
    }

    static CheckResult result(String target, Instant at, Outcome outcome, long millis) {
        ProbeError error = outcome == Outcome.FAIL ? new ProbeError(ProbeError.Reason.TIMEOUT, "no answer") : null;
        return new CheckResult(target, at, Duration.ofMillis(millis), outcome, error, List.of());
    }
}
