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

    /** Sets kind, severity, title and labels from the builder's targets. */
    static void summarise(Incident.Builder b, Map<String, Target> known) {
        List<AffectedTarget> down = new ArrayList<>();
        List<AffectedTarget> degraded = new ArrayList<>();
        for (AffectedTarget t : b.targets) {
            if (t.state() == TargetState.DOWN) {
                down.add(t);
            } else if (t.state() == TargetState.DEGRADED) {
                degraded.add(t);
            }
        }
        if (!down.isEmpty()) {
            b.kind = IncidentKind.OUTAGE;
            b.severity = Severity.CRITICAL;
        } else if (!degraded.isEmpty()) {
            b.kind = IncidentKind.DEGRADED;
            b.severity = Severity.WARNING;
        }
        b.title = title(b.targets, down, degraded, known);
        b.labels = commonLabels(b.targets, known);
    }

    private static String title(List<AffectedTarget> all, List<AffectedTarget> down,
                                List<AffectedTarget> degraded, Map<String, Target> known) {
        if (all.size() == 1) {
            AffectedTarget t = all.get(0);
            return displayName(t.targetId(), known) + " is " + t.state();
        }
        List<String> parts = new ArrayList<>();
        if (!down.isEmpty()) {
            parts.add(down.size() + " DOWN");
        }
        if (!degraded.isEmpty()) {
            parts.add(degraded.size() + " DEGRADED");
        }
        int up = all.size() - down.size() - degraded.size();
        if (up > 0) {
            parts.add(up + " back UP");
        }
        return all.size() + " targets: " + String.join(", ", parts);
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
