package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Durations;
import io.varde.correlate.Finding;
import io.varde.detect.TargetState;
import io.varde.intel.TaskedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Task list notices: one incident per task list source, listing the monitored targets it tasks
 * (state UNKNOWN while tasked, UP once no longer), opened at the first, grown as more are tasked,
 * resolved when none is left. A notice does not own its targets, so their outages still open
 * their own incidents.
 */
final class TaskListNotices {

    private final TeamConfig config;
    private final Map<String, Target> targets;
    private final Publisher publisher;

    TaskListNotices(TeamConfig config, Map<String, Target> targets, Publisher publisher) {
        this.config = config;
        this.targets = targets;
        this.publisher = publisher;
    }

    void tasked(IncidentTx tx, Finding.Tasked t) {
        String key = Incident.taskedKey(t.source());
        Optional<Incident> open = tx.unresolvedByKey(key);
        List<AffectedTarget> list = new ArrayList<>(open.map(Incident::targets).orElse(List.of()));
        List<String> joined = new ArrayList<>();
        for (TaskedTarget tt : t.targets()) {
            AffectedTarget had = list.stream().filter(a -> a.targetId().equals(tt.targetId())).findFirst().orElse(null);
            if (had != null && !had.recovered()) {
                continue;
            }
            list.remove(had);
            list.add(new AffectedTarget(tt.targetId(), TargetState.UNKNOWN, t.at(), "tasked: "
                    + tt.match().host() + " (" + tt.match().detail() + "), paths " + paths(tt)));
            joined.add(tt.targetId());
        }
        if (joined.isEmpty()) {
            return;
        }
        String text = String.join(", ", joined) + (joined.size() == 1 ? " is" : " are") + " on task list "
                + t.source() + "; checks tighten to every " + Durations.format(t.tighten().interval())
                + " (rule " + t.rule() + ")";
        if (open.isPresent()) {
            publisher.changed(tx, Change.of(Revisions.withTargets(open.get(), list, targets, t.at()).build(),
                    TimelineAction.TARGET_JOINED, Actor.SYSTEM, text), t.at());
            return;
        }
        Route route = config.routeFor(CorrelationIntake.labelsOf(joined.get(0), targets), t.severity());
        Incident.Builder b = Revisions.fresh(tx, config, key, route, list, IncidentKind.TASKED, t.severity(), "-", t.at());
        b.evidence = List.of(new Evidence("list:" + t.source(), text));
        Revisions.summarise(b, targets);
        publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "opened: " + text,
                List.of(), true), t.at());
    }

    void untasked(IncidentTx tx, Finding.Untasked u) {
        Optional<Incident> open = tx.unresolvedByKey(Incident.taskedKey(u.source()));
        if (open.isEmpty()) {
            return;
        }
        Incident i = open.get();
        List<AffectedTarget> next = new ArrayList<>();
        for (AffectedTarget a : i.targets()) {
            next.add(u.targetIds().contains(a.targetId()) && !a.recovered()
                    ? new AffectedTarget(a.targetId(), TargetState.UP, u.at(), "") : a);
        }
        Incident.Builder b = Revisions.withTargets(i, next, targets, u.at());
        String text = String.join(", ", u.targetIds()) + " no longer on task list " + u.source();
        if (next.stream().allMatch(AffectedTarget::recovered)) {
            DetectionIntake.resolve(b, u.at());
            publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM, text + ": resolved"), u.at());
        } else {
            publisher.changed(tx, Change.of(b.build(), TimelineAction.TARGET_RECOVERED, Actor.SYSTEM, text), u.at());
        }
    }

    /** Attacked paths shown per target, each cut to {@link #PATH_CHARS} characters. */
    static final int PATHS_SHOWN = 3;
    static final int PATH_CHARS = 60;

    /** e.g. {@code /, /search?q=$_1 +4 more}. */
    private static String paths(TaskedTarget t) {
        List<String> sorted = new TreeSet<>(t.paths()).stream().map(p -> p.isEmpty() ? "/" : p).distinct().toList();
        List<String> shown = sorted.stream().limit(PATHS_SHOWN)
                .map(p -> p.length() > PATH_CHARS ? p.substring(0, PATH_CHARS - 1) + "…" : p).toList();
        return String.join(", ", shown) + (sorted.size() > PATHS_SHOWN ? " +" + (sorted.size() - PATHS_SHOWN) + " more" : "");
    }
}
