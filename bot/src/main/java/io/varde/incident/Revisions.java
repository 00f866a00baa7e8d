package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure helpers that derive an incident's summary (severity, kind, title, labels) from its targets. */
final class Revisions {

    private Revisions() {
    }

    /** Revision 1 of a new incident, open, on {@code route} (its policy and reminder), not escalated yet. */
    static Incident.Builder fresh(IncidentTx tx, TeamConfig config, String key, Route route,
                                  List<AffectedTarget> affected, IncidentKind kind, Severity severity, String title,
                                  Instant at) {
        EscalationPolicy policy = route.policy() == null ? null : config.policies().get(route.policy());
        return new Incident(tx.nextIncidentNumber(), key, kind, title, severity, IncidentState.OPEN, affected,
                Labels.empty(), at, at, null, null, null, route.name(), policy == null ? null : policy.name(), 0,
                null, plus(at, route.remindEvery()), 1, List.of()).toBuilder();
    }

    /** The next revision of {@code i} with {@code targets}, its summary recomputed. */
    static Incident.Builder withTargets(Incident i, List<AffectedTarget> targets, Map<String, Target> known,
                                        Instant now) {
        Incident.Builder b = i.toBuilder();
        b.targets = List.copyOf(targets);
        b.revision = i.revision() + 1;
        b.updatedAt = now;
        if (i.kind() != IncidentKind.CONNECTIVITY) {
            summarise(b, known);
        }
        return b;
    }

    /** The next revision of {@code i}, unchanged but for time and revision. */
    static Incident.Builder next(Incident i, Instant now) {
        Incident.Builder b = i.toBuilder();
        b.revision = i.revision() + 1;
        b.updatedAt = now;
        return b;
    }

    /**
     * Sets kind, severity, title and labels from the builder's targets: an outage or degraded
     * incident follows its targets' states; a campaign keeps its kind and severity; a claim in
     * the evidence makes the title say "Claimed attack".
     */
    static void summarise(Incident.Builder b, Map<String, Target> known) {
        List<AffectedTarget> down = new ArrayList<>();
        List<AffectedTarget> degraded = new ArrayList<>();
        boolean mitigated = false;
        boolean partial = false;
        for (AffectedTarget t : b.targets) {
            if (t.state() == TargetState.DOWN) {
                down.add(t);
            } else if (t.state().isProblem()) {
                degraded.add(t);
                mitigated |= t.state() == TargetState.MITIGATED;
                partial |= t.state() == TargetState.PARTIAL;
            }
        }
        if (b.kind.followsStates() && !down.isEmpty()) {
            b.kind = IncidentKind.OUTAGE;
            b.severity = Severity.CRITICAL;
        } else if (b.kind.followsStates() && !degraded.isEmpty()) {
            b.kind = mitigated ? IncidentKind.MITIGATED : partial ? IncidentKind.PARTIAL : IncidentKind.DEGRADED;
            b.severity = Severity.WARNING;
        }
        String title = switch (b.kind) {
            case CAMPAIGN -> "Campaign on " + b.key.substring(b.key.indexOf(':', "campaign:".length()) + 1)
                    + ": " + counts(b.targets, down, degraded);
            case TASKED -> tasked(b);
            case CLAIMED_NOT_OBSERVED, NODE_LOST, LOCATION -> b.title;
            default -> title(b.targets, down, degraded, known);
        };
        boolean claimed = b.evidence.stream().anyMatch(Evidence::isClaim) && b.kind != IncidentKind.CLAIMED_NOT_OBSERVED;
        b.title = claimed && !title.startsWith(CLAIMED) ? CLAIMED + title : title;
        b.labels = commonLabels(b.targets, known);
    }

    static final String CLAIMED = "Claimed attack: ";

    /** e.g. {@code Tasked on ddosia: 7 monitored targets}, {@code Was tasked on ddosia: 7 monitored targets}. */
    private static String tasked(Incident.Builder b) {
        long now = b.targets.stream().filter(t -> !t.recovered()).count();
        String source = b.build().taskListSource();
        return now == 0 ? "Was tasked on " + source + ": " + b.targets.size() + " monitored targets"
                : "Tasked on " + source + ": " + now + " monitored targets";
    }

    private static String title(List<AffectedTarget> all, List<AffectedTarget> down,
                                List<AffectedTarget> degraded, Map<String, Target> known) {
        if (all.size() == 1) {
            AffectedTarget t = all.get(0);
            return displayName(t.targetId(), known) + " is " + t.state();
        }
        return all.size() + " targets: " + counts(all, down, degraded);
    }

    private static String counts(List<AffectedTarget> all, List<AffectedTarget> down, List<AffectedTarget> degraded) {
        List<String> parts = new ArrayList<>();
        if (!down.isEmpty()) {
            parts.add(down.size() + " DOWN");
        }
        for (TargetState s : List.of(TargetState.MITIGATED, TargetState.PARTIAL, TargetState.DEGRADED)) {
            long n = degraded.stream().filter(t -> t.state() == s).count();
            if (n > 0) {
                parts.add(n + " " + s);
            }
        }
        int up = all.size() - down.size() - degraded.size();
        if (up > 0) {
            parts.add(up + " back UP");
        }
        return String.join(", ", parts);
    }

    static String displayName(String targetId, Map<String, Target> known) {
        Target t = known.get(targetId);
        return t == null || t.name() == null ? targetId : t.name();
    }

    /** The label pairs every one of the targets has. */
    static Labels commonLabels(List<AffectedTarget> targets, Map<String, Target> known) {
        Map<String, String> common = null;
        for (AffectedTarget a : targets) {
            Target t = known.get(a.targetId());
            Map<String, String> labels = t == null ? Map.of() : t.labels().map();
            if (common == null) {
                common = new TreeMap<>(labels);
            } else {
                common.entrySet().removeIf(e -> !e.getValue().equals(labels.get(e.getKey())));
            }
        }
        return common == null ? Labels.empty() : Labels.of(common);
    }

    static Instant plus(Instant at, Duration d) {
        return d == null ? null : at.plus(d);
    }
}
