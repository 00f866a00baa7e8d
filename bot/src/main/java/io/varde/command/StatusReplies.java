package io.varde.command;

import io.varde.check.Target;
import io.varde.core.Card;
import io.varde.core.Card.Field;
import io.varde.core.Durations;
import io.varde.core.Severity;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.incident.Incident;
import io.varde.incident.IncidentCards;
import io.varde.incident.IncidentService;
import io.varde.incident.IncidentState;
import io.varde.incident.Mute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.varde.intel.StoredClaim;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** The answers to {@code status} and {@code incidents}: read-only, for the caller. */
final class StatusReplies {

    /** Problem lines shown before "+N more". */
    static final int MAX_LINES = 25;

    /** How far back {@code status <target>} looks for claims on it. */
    static final Duration CLAIMS_BACK = Duration.ofDays(7);

    private final IncidentService incidents;
    private final Function<Instant, List<TargetReport>> reports;
    private final Optional<Intel> intel;

    StatusReplies(IncidentService incidents, Function<Instant, List<TargetReport>> reports, Optional<Intel> intel) {
        this.incidents = incidents;
        this.reports = reports;
        this.intel = intel;
    }

    Reply status(Command.Status command, Instant now) {
        List<TargetReport> all = reports.apply(now);
        Map<String, Incident> open = openByTarget();
        if (command.target().isPresent()) {
            String ref = command.target().get();
            for (TargetReport r : all) {
                Target t = r.target();
                if (t.answersTo(ref)) {
                    return Reply.to(command, one(r, open.get(t.id()), now));
                }
            }
            return Reply.error("no target \"" + ref + "\"", Commands.of(command).usage());
        }
        List<TargetReport> chosen = command.labels()
                .map(m -> all.stream().filter(r -> m.matches(r.target().labels())).toList())
                .orElse(all);
        if (chosen.isEmpty() && command.labels().isPresent()) {
            return Reply.error("no target matches " + command.labels().get(), Commands.of(command).usage());
        }
        return Reply.to(command, summary(chosen, open, command.labels().map(Object::toString).orElse(""), now));
    }

    private Card summary(List<TargetReport> chosen, Map<String, Incident> open, String scope, Instant now) {
        Map<TargetState, Integer> counts = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (TargetReport r : chosen) {
            counts.merge(r.state(), 1, Integer::sum);
            if (r.state().isProblem() || r.flapping()) {
                if (lines.size() == MAX_LINES) {
                    lines.add("+ more: narrow it down with status <target> or status label=value");
                } else if (lines.size() < MAX_LINES) {
                    lines.add(line(r, open.get(r.target().id()), now));
                }
            }
        }
        int problems = counts.getOrDefault(TargetState.DOWN, 0) + counts.getOrDefault(TargetState.DEGRADED, 0);
        String of = chosen.size() + (chosen.size() == 1 ? " target" : " targets") + (scope.isEmpty() ? "" : " matching " + scope);
        int unknown = counts.getOrDefault(TargetState.UNKNOWN, 0);
        String title = problems > 0 ? problems + " of " + of + " have problems"
                : unknown == 0 ? "All " + of + " are fine"
                : "No problems seen among " + of + " (" + unknown + " not checked yet)";
        Severity severity = counts.getOrDefault(TargetState.DOWN, 0) > 0 ? Severity.CRITICAL
                : problems > 0 ? Severity.WARNING : Severity.INFO;
        List<Field> fields = new ArrayList<>();
        for (TargetState s : List.of(TargetState.DOWN, TargetState.DEGRADED, TargetState.UP, TargetState.UNKNOWN)) {
            if (counts.containsKey(s)) {
                fields.add(new Field(s.name(), String.valueOf(counts.get(s))));
            }
        }
        return new Card(title, severity, fields, lines, List.of());
    }

    private static String line(TargetReport r, Incident incident, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.state()).append(r.flapping() ? " (flapping) " : " ").append(r.target().id());
        if (r.since() != null) {
            sb.append(" for ").append(Durations.format(round(Duration.between(r.since(), now))));
        }
        if (incident != null) {
            sb.append(", ").append(incident.id());
        }
        if (!r.problem().isEmpty()) {
            sb.append(": ").append(r.problem());
        }
        return sb.toString();
    }

    private Card one(TargetReport r, Incident incident, Instant now) {
        Target t = r.target();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("State", r.state() + (r.flapping() ? " (flapping)" : "")
                + (r.since() == null ? "" : " since " + IncidentCards.time(r.since()))));
        fields.add(new Field("Last check", r.lastCheck() == null ? "not yet"
                : IncidentCards.time(r.lastCheck()) + ", " + r.latency().toMillis() + "ms"));
        fields.add(new Field("Uptime 24h", Double.isNaN(r.uptime24h()) ? "no data"
                : String.format(Locale.ROOT, "%.2f%%", r.uptime24h() * 100)));
        fields.add(new Field("Incident", incident == null ? "none" : incident.id() + " " + incident.title()));
        intel.ifPresent(i -> fields.add(new Field("Claims 7d", claims(i.claimsOn(t.id(), now.minus(CLAIMS_BACK))))));
        List<String> lines = new ArrayList<>();
        if (!r.problem().isEmpty()) {
            lines.add(r.problem());
        }
        if (!t.labels().isEmpty()) {
            lines.add("labels: " + t.labels());
        }
        Severity severity = r.state() == TargetState.DOWN ? Severity.CRITICAL
                : r.state() == TargetState.DEGRADED ? Severity.WARNING : Severity.INFO;
        String name = t.name() == null || t.name().equals(t.id()) ? t.id() : t.name() + " (" + t.id() + ")";
        return new Card(name + " is " + r.state(), severity, fields, lines, List.of());
    }

    Reply incidents(Command.Incidents command, Instant now) {
        List<Incident> list = command.all() ? incidents.recent(MAX_LINES) : incidents.unresolved();
        if (list.isEmpty()) {
            return Reply.to(command, Card.of(command.all() ? "No incidents yet" : "No open incidents",
                    Severity.INFO, List.of()));
        }
        List<String> lines = new ArrayList<>();
        for (Incident i : list) {
            if (lines.size() == MAX_LINES) {
                lines.add("+" + (list.size() - MAX_LINES) + " more");
                break;
            }
            lines.add(describe(i, incidents.muteOf(i, now).orElse(null), now));
        }
        String title = command.all() ? "Recent incidents" : list.size() + " open " + (list.size() == 1 ? "incident" : "incidents");
        return Reply.to(command, Card.of(title, worst(list), lines));
    }

    /** e.g. {@code 2, latest C-12 by NoName057(16) at 2025-11-13 09:12 UTC (feed noname-telegram)}. */
    private static String claims(List<StoredClaim> claims) {
        if (claims.isEmpty()) {
            return "none";
        }
        StoredClaim latest = claims.get(0);
        return claims.size() + ", latest " + latest.ref() + " by " + latest.claim().actorOrUnknown() + " at "
                + IncidentCards.time(latest.claim().claimedAt()) + " (" + latest.claim().source().word() + " "
                + latest.claim().sourceName() + ")";
    }

    private static String describe(Incident i, Mute mute, Instant now) {
        StringBuilder sb = new StringBuilder(i.id()).append(' ')
                .append(i.resolved() ? "RESOLVED" : i.severity().name()).append(' ')
                .append(i.title());
        if (i.resolved()) {
            sb.append(", resolved ").append(IncidentCards.time(i.resolvedAt()));
        } else {
            sb.append(", open ").append(Durations.format(round(Duration.between(i.openedAt(), now))));
        }
        if (i.state() == IncidentState.ACKNOWLEDGED) {
            sb.append(", acknowledged by ").append(i.acknowledgedBy().describe());
        }
        if (i.escalationLevel() > 0 && !i.resolved()) {
            sb.append(", level ").append(i.escalationLevel());
        }
        if (i.nextEscalationAt() != null && !i.resolved()) {
            sb.append(", escalates at ").append(IncidentCards.time(i.nextEscalationAt()));
        }
        if (mute != null) {
            sb.append(", muted until ").append(IncidentCards.time(mute.endsAt())).append(" (").append(mute.id()).append(')');
        }
        return sb.toString();
    }

    private static Severity worst(List<Incident> list) {
        Severity worst = Severity.INFO;
        for (Incident i : list) {
            if (!i.resolved() && i.severity().compareTo(worst) < 0) {
                worst = i.severity();
            }
        }
        return worst;
    }

    private Map<String, Incident> openByTarget() {
        Map<String, Incident> out = new HashMap<>();
        for (Incident i : incidents.unresolved()) {
            i.targets().forEach(t -> out.putIfAbsent(t.targetId(), i));
        }
        return out;
    }

    private static Duration round(Duration d) {
        return d.isNegative() ? Duration.ZERO : Duration.ofSeconds(d.getSeconds());
    }
}
