package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Durations;
import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.CanaryFailure;
import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns detection events into incident changes: a problem opens an incident (or joins the open
 * one of its group), a worse or better state revises it, a recovery marks the target back, and
 * the last recovery resolves it.
 */
final class DetectionIntake {

    static final String CONNECTIVITY_KEY = "connectivity";

    private final TeamConfig config;
    private final Map<String, Target> targets;
    private final Publisher publisher;
    private final LocationNotices locations;

    DetectionIntake(TeamConfig config, Map<String, Target> targets, Publisher publisher) {
        this.config = config;
        this.targets = targets;
        this.publisher = publisher;
        this.locations = new LocationNotices(config, publisher);
    }

    /**
     * A target's labels plus {@code state} (lower case: {@code down}, {@code partial},
     * {@code mitigated}, {@code degraded}), so that a route can match on the state, e.g.
     * {@code match: ['state="mitigated"']}; a label of the target's own called {@code state} wins.
     */
    static Labels routing(Labels labels, TargetState state) {
        if (labels.get("state") != null) {
            return labels;
        }
        Map<String, String> with = new java.util.TreeMap<>(labels.map());
        with.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        return Labels.of(with);
    }

    void apply(IncidentTx tx, DetectionEvent event) {
        if (event instanceof StateChanged s) {
            tx.saveTargetState(s.target().id(), s.to(), s.at());
            if (s.to() == TargetState.UP) {
                recovered(tx, s.target(), s.at(), s.lasted() == null ? ""
                        : " after " + Durations.format(s.lasted().withNanos(0)) + " " + s.from());
            } else if (s.to().isProblem()) {
                problem(tx, s.target(), s.to(), s.at(), s.problem());
            }
        } else if (event instanceof FlappingStarted f) {
            TargetState state = f.current() == TargetState.DOWN ? TargetState.DOWN : TargetState.DEGRADED;
            problem(tx, f.target(), state, f.at(), "flapping: " + f.changes() + " state changes in "
                    + Durations.format(f.window()));
        } else if (event instanceof FlappingStopped f) {
            if (f.current() == TargetState.UP) {
                recovered(tx, f.target(), f.at(), ", stopped flapping");
            } else if (f.current() != TargetState.UNKNOWN) {
                problem(tx, f.target(), f.current(), f.at(), "stopped flapping");
            }
        } else if (event instanceof DetectionEvent.LocationChanged l) {
            locations.apply(tx, l);
        } else if (event instanceof ConnectivityLost l) {
            connectivityLost(tx, l);
        } else if (event instanceof ConnectivityRestored r) {
            connectivityRestored(tx, r);
        }
    }

    private void problem(IncidentTx tx, Target target, TargetState state, Instant at, String problem) {
        String name = Revisions.displayName(target.id(), targets);
        Optional<Incident> mine = tx.unresolvedWithTarget(target.id());
        if (mine.isPresent()) {
            Incident i = mine.get();
            AffectedTarget before = i.target(target.id());
            TimelineAction action;
            String text;
            if (before.recovered()) {
                action = TimelineAction.TARGET_JOINED;
                text = name + " is " + state + " again" + reason(problem);
            } else if (before.state() == state) {
                if (before.problem().equals(problem)) {
                    return;
                }
                action = TimelineAction.FLAPPING;
                text = name + ": " + problem;
            } else {
                action = worse(state, before.state()) ? TimelineAction.WORSENED : TimelineAction.IMPROVED;
                text = name + " is " + state + " (was " + before.state() + ")" + reason(problem);
            }
            Instant since = before.state() == state ? before.since() : at;
            List<AffectedTarget> next = replace(i.targets(), new AffectedTarget(target.id(), state, since, problem));
            publisher.changed(tx, Change.of(Revisions.withTargets(i, next, targets, at).build(), action,
                    Actor.SYSTEM, text).member(name, action == TimelineAction.FLAPPING ? "flapping" : state.name()), at);
            return;
        }
        Route route = config.routeFor(routing(target.labels(), state), severityOf(state));
        String key = groupKey(route, target);
        Optional<Incident> group = tx.unresolvedByKey(key);
        AffectedTarget affected = new AffectedTarget(target.id(), state, at, problem);
        if (group.isPresent()) {
            Incident i = group.get();
            List<AffectedTarget> next = new ArrayList<>(i.targets());
            next.add(affected);
            publisher.changed(tx, Change.of(Revisions.withTargets(i, next, targets, at).build(),
                    TimelineAction.TARGET_JOINED, Actor.SYSTEM, name + " joined: " + state + reason(problem))
                    .member(name, state.name()), at);
            return;
        }
        open(tx, key, route, List.of(affected), IncidentKind.OUTAGE, severityOf(state), "", at,
                name + " is " + state + reason(problem));
    }

    private void recovered(IncidentTx tx, Target target, Instant at, String detail) {
        Optional<Incident> mine = tx.unresolvedWithTarget(target.id());
        if (mine.isEmpty() || mine.get().target(target.id()).recovered()) {
            return;
        }
        Incident i = mine.get();
        String name = Revisions.displayName(target.id(), targets);
        List<AffectedTarget> next = replace(i.targets(), new AffectedTarget(target.id(), TargetState.UP, at, ""));
        Incident.Builder b = Revisions.withTargets(i, next, targets, at);
        boolean allBack = next.stream().allMatch(AffectedTarget::recovered);
        if (allBack) {
            resolve(b, at);
            String text = (next.size() == 1 ? name + " is back UP" + detail : "all targets are back UP")
                    + ": resolved";
            publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM, text), at);
        } else {
            publisher.changed(tx, Change.of(b.build(), TimelineAction.TARGET_RECOVERED, Actor.SYSTEM,
                    name + " is back UP" + detail).member(name, "back UP"), at);
        }
    }

    private void connectivityLost(IncidentTx tx, ConnectivityLost l) {
        if (tx.unresolvedByKey(CONNECTIVITY_KEY).isPresent()) {
            return;
        }
        List<AffectedTarget> canaries = new ArrayList<>();
        for (CanaryFailure c : l.canaries()) {
            canaries.add(new AffectedTarget(c.targetId(), TargetState.DOWN, l.at(), c.reason()));
        }
        Route route = config.routeFor(Labels.empty(), Severity.CRITICAL);
        open(tx, CONNECTIVITY_KEY, route, canaries, IncidentKind.CONNECTIVITY, Severity.CRITICAL,
                "Monitoring connectivity lost", l.at(), "all " + canaries.size()
                        + " canaries are failing: target alerts are held back until one is back");
    }

    private void connectivityRestored(IncidentTx tx, ConnectivityRestored r) {
        Optional<Incident> open = tx.unresolvedByKey(CONNECTIVITY_KEY);
        if (open.isEmpty()) {
            return;
        }
        Incident i = open.get();
        List<AffectedTarget> back = new ArrayList<>();
        for (AffectedTarget t : i.targets()) {
            back.add(new AffectedTarget(t.targetId(), TargetState.UP, r.at(), ""));
        }
        Incident.Builder b = Revisions.withTargets(i, back, targets, r.at());
        resolve(b, r.at());
        publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM,
                "monitoring connectivity restored after " + Durations.format(r.lostFor()) + "; "
                        + r.recheck() + " targets that changed meanwhile are re-checked"), r.at());
    }

    private void open(IncidentTx tx, String key, Route route, List<AffectedTarget> affected,
                      IncidentKind kind, Severity severity, String title, Instant at, String text) {
        Incident.Builder b = Revisions.fresh(tx, config, key, route, affected, kind, severity,
                title.isEmpty() ? "-" : title, at);
        if (kind != IncidentKind.CONNECTIVITY) {
            Revisions.summarise(b, targets);
        }
        List<String> mentions = startEscalation(b, config, at);
        publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "opened: " + text,
                mentions, true), at);
    }

    /**
     * Starts the escalation clock of a new incident {@code b} from its policy: level 1 at once
     * when it waits for nothing (returning its mentions), else the first level's due time.
     */
    static List<String> startEscalation(Incident.Builder b, TeamConfig config, Instant at) {
        EscalationPolicy policy = b.policy == null ? null : config.policies().get(b.policy);
        if (policy == null || policy.levels().isEmpty()) {
            return List.of();
        }
        EscalationPolicy.Level first = policy.level(1);
        if (!first.after().isZero()) {
            b.nextEscalationAt = at.plus(first.after());
            return List.of();
        }
        b.escalationLevel = 1;
        EscalationPolicy.Level second = policy.level(2);
        b.nextEscalationAt = second == null ? null : at.plus(second.after());
        return first.mentions();
    }

    static void resolve(Incident.Builder b, Instant at) {
        b.state = IncidentState.RESOLVED;
        b.resolvedAt = at;
        b.nextEscalationAt = null;
        b.nextReminderAt = null;
    }


    /** One incident per target, or per value of the route's {@code group_by} labels. */
    static String groupKey(Route route, Target target) {
        if (route.groupBy().isEmpty()) {
            return "target:" + target.id();
        }
        StringBuilder sb = new StringBuilder("group:").append(route.name());
        for (String label : route.groupBy()) {
            String value = target.labels().get(label);
            if (value == null) {
                return "target:" + target.id();
            }
            sb.append(':').append(label).append('=').append(value);
        }
        return sb.toString();
    }

    private static List<AffectedTarget> replace(List<AffectedTarget> list, AffectedTarget updated) {
        List<AffectedTarget> next = new ArrayList<>(list);
        next.replaceAll(t -> t.targetId().equals(updated.targetId()) ? updated : t);
        return next;
    }

    private static boolean worse(TargetState now, TargetState before) {
        return now == TargetState.DOWN && before != TargetState.DOWN;
    }

    static Severity severityOf(TargetState state) {
        return state == TargetState.DOWN ? Severity.CRITICAL : Severity.WARNING;
    }

    private static String reason(String problem) {
        return problem.isEmpty() ? "" : ": " + problem;
    }
}
