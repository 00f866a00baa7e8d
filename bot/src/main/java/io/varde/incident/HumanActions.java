package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Acknowledge, mute, unmute, escalate, resolve: checks, the change, and a timeline entry each. */
final class HumanActions {

    private static final Pattern MUTE_ID = Pattern.compile("(?i)M-(\\d{1,18})");

    private final TeamConfig config;
    private final Map<String, Target> targets;
    private final Publisher publisher;

    HumanActions(TeamConfig config, Map<String, Target> targets, Publisher publisher) {
        this.config = config;
        this.targets = targets;
        this.publisher = publisher;
    }

    ActionResult ack(IncidentTx tx, long number, Actor by, Instant now) {
        Optional<Incident> found = tx.incident(number);
        String refusal = unresolvedOrWhy(found, number);
        if (refusal != null) {
            return ActionResult.refused(refusal);
        }
        Incident i = found.get();
        if (i.state() == IncidentState.ACKNOWLEDGED) {
            return ActionResult.refused(i.id() + " was already acknowledged by "
                    + i.acknowledgedBy().describe() + " at " + IncidentCards.time(i.acknowledgedAt()));
        }
        Incident.Builder b = Revisions.next(i, now);
        b.state = IncidentState.ACKNOWLEDGED;
        b.acknowledgedBy = by;
        b.acknowledgedAt = now;
        b.nextEscalationAt = null;
        b.nextReminderAt = null;
        Incident next = b.build();
        publisher.changed(tx, Change.of(next, TimelineAction.ACKNOWLEDGED, by,
                "acknowledged by " + by.describe()), now);
        return ActionResult.done(i.id() + " acknowledged: escalation and reminders stopped", next);
    }

    ActionResult mute(IncidentTx tx, MuteScope scope, Duration duration, String reason, Actor by, Instant now) {
        if (duration.isNegative() || duration.isZero()) {
            return ActionResult.refused("a mute needs a positive duration");
        }
        if (duration.compareTo(config.team().maxMute()) > 0) {
            return ActionResult.refused("a mute can last at most " + Durations.format(config.team().maxMute()));
        }
        String scopeText = scope.describe();
        if (scope instanceof MuteScope.OfIncident inc) {
            String refusal = unresolvedOrWhy(tx.incident(inc.number()), inc.number());
            if (refusal != null) {
                return ActionResult.refused(refusal);
            }
        } else if (scope instanceof MuteScope.OfTarget t) {
            if (!targets.containsKey(t.targetId())) {
                return ActionResult.refused("no target \"" + t.targetId() + "\" (see status for the list)");
            }
        } else if (scope instanceof MuteScope.OfLabels l) {
            if (l.matchers().matchesEverything()) {
                return ActionResult.refused("refused: " + l.matchers() + " would mute every target"
                        + " (it matches targets without those labels too); name a value that must be"
                        + " present, e.g. sector=\"government\"");
            }
            long matching = targets.values().stream().filter(t -> l.matchers().matches(t.labels())).count();
            scopeText = l.matchers() + " (" + matching + (matching == 1 ? " target" : " targets") + " now)";
        }
        Mute mute = new Mute(tx.nextMuteNumber(), scope, now, now.plus(duration), by, reason, null, null);
        tx.insert(mute);
        int incidents = 0;
        for (Incident i : tx.unresolved()) {
            if (scope.covers(i, publisher.labelsOf())) {
                incidents++;
                publisher.changed(tx, Change.of(Revisions.next(i, now).build(), TimelineAction.MUTED, by,
                        "muted by " + by.describe() + " until " + IncidentCards.time(mute.endsAt())
                                + " (" + mute.id() + (reason.isEmpty() ? "" : ": " + reason) + ")"), now);
            }
        }
        return ActionResult.done(mute.id() + " mutes " + scopeText + " until "
                + IncidentCards.time(mute.endsAt()) + "; " + incidents
                + (incidents == 1 ? " open incident" : " open incidents") + " muted now", null);
    }

    ActionResult unmute(IncidentTx tx, String ref, Actor by, Instant now) {
        List<Mute> ending = new ArrayList<>();
        Matcher m = MUTE_ID.matcher(ref);
        if (m.matches()) {
            Optional<Mute> mute = tx.mute(Long.parseLong(m.group(1)));
            if (mute.isEmpty() || !mute.get().activeAt(now)) {
                return ActionResult.refused("no active mute " + ref.toUpperCase());
            }
            ending.add(mute.get());
        } else {
            for (Mute mute : tx.unendedMutes()) {
                if (mute.activeAt(now) && mute.scope().equals(new MuteScope.OfTarget(ref))) {
                    ending.add(mute);
                }
            }
            if (ending.isEmpty()) {
                return ActionResult.refused("no active mute on target \"" + ref + "\"");
            }
        }
        List<String> ids = new ArrayList<>();
        for (Mute mute : ending) {
            ids.add(mute.id());
        }
        endMutes(tx, ending, now, by, TimelineAction.UNMUTED,
                "unmuted by " + by.describe() + " (" + String.join(", ", ids) + ")");
        return ActionResult.done("ended " + String.join(", ", ids), null);
    }

    /**
     * Ends {@code ending} and revises every unresolved incident they covered that no other
     * active mute still covers, so its current state is shown again.
     */
    void endMutes(IncidentTx tx, List<Mute> ending, Instant at, Actor by, TimelineAction action, String text) {
        List<Incident> covered = new ArrayList<>();
        for (Incident i : tx.unresolved()) {
            if (ending.stream().anyMatch(mute -> mute.scope().covers(i, publisher.labelsOf()))) {
                covered.add(i);
            }
        }
        for (Mute mute : ending) {
            tx.end(mute.end(at, by));
        }
        for (Incident i : covered) {
            if (publisher.muteOf(tx, i, at).isEmpty()) {
                publisher.changed(tx, Change.of(Revisions.next(i, at).build(), action, by, text), at);
            }
        }
    }

    ActionResult escalate(IncidentTx tx, long number, OptionalInt level, String note, Actor by, Instant now) {
        Optional<Incident> found = tx.incident(number);
        String refusal = unresolvedOrWhy(found, number);
        if (refusal != null) {
            return ActionResult.refused(refusal);
        }
        Incident i = found.get();
        EscalationPolicy policy = i.policy() == null ? null : config.policies().get(i.policy());
        if (policy == null || policy.levels().isEmpty()) {
            return ActionResult.refused(i.id() + " has no escalation policy (route " + i.route() + ")");
        }
        int to = level.orElse(i.escalationLevel() + 1);
        if (to > policy.levels().size()) {
            return ActionResult.refused(level.isPresent()
                    ? "policy " + policy.name() + " has " + policy.levels().size() + " levels"
                    : i.id() + " is already at the last level (" + i.escalationLevel() + ") of policy "
                            + policy.name());
        }
        if (to <= i.escalationLevel()) {
            return ActionResult.refused(i.id() + " is already at level " + i.escalationLevel());
        }
        Change change = Escalations.raise(i, policy, to, now, by,
                "escalated to level " + to + " by " + by.describe() + (note.isEmpty() ? "" : ": " + note));
        publisher.changed(tx, change, now);
        return ActionResult.done(i.id() + " escalated to level " + to + " of " + policy.name(), change.incident());
    }

    ActionResult resolve(IncidentTx tx, long number, String note, Actor by, Instant now) {
        Optional<Incident> found = tx.incident(number);
        String refusal = unresolvedOrWhy(found, number);
        if (refusal != null) {
            return ActionResult.refused(refusal);
        }
        Incident i = found.get();
        Incident.Builder b = Revisions.next(i, now);
        DetectionIntake.resolve(b, now);
        Incident next = b.build();
        publisher.changed(tx, Change.of(next, TimelineAction.RESOLVED, by,
                "resolved by " + by.describe() + (note.isEmpty() ? "" : ": " + note)), now);
        long stillFailing = i.targets().stream().filter(t -> !t.recovered()).count();
        return ActionResult.done(i.id() + " resolved" + (stillFailing == 0 ? ""
                : "; " + stillFailing + " of its targets still failing (a new incident opens when one"
                        + " fails again after recovering)"), next);
    }

    void denied(IncidentTx tx, long number, Actor by, String command, Role needed, Instant now) {
        tx.incident(number).ifPresent(i -> tx.append(new TimelineEntry(number, now, by,
                TimelineAction.DENIED, by.describe() + " tried \"" + command + "\": needs role "
                        + needed.name().toLowerCase())));
    }

    private static String unresolvedOrWhy(Optional<Incident> found, long number) {
        if (found.isEmpty()) {
            return "no incident " + Incident.id(number);
        }
        if (found.get().resolved()) {
            return Incident.id(number) + " is already resolved";
        }
        return null;
    }
}
