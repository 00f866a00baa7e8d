package io.varde.incident;

import io.varde.core.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The time-driven part: mutes that expired, escalations and reminders that are due. Timers live
 * in the stored incidents, and each item is re-read and changed in its own transaction with a
 * conditional update, so a restart loses none and no item fires twice.
 */
final class Sweep {

    private final IncidentStore store;
    private final TeamConfig config;
    private final Publisher publisher;
    private final HumanActions actions;

    Sweep(IncidentStore store, TeamConfig config, Publisher publisher, HumanActions actions) {
        this.store = store;
        this.config = config;
        this.publisher = publisher;
        this.actions = actions;
    }

    /** Runs everything due at {@code now}; returns how many changes it made. */
    int run(Instant now) {
        int changes = expireMutes(now);
        List<Incident> due = store.inTransaction(tx -> tx.withDueTimers(now));
        for (Incident i : due) {
            if (i.state() == IncidentState.OPEN && due(i.nextEscalationAt(), now)) {
                changes += once(tx -> escalate(tx, i.number(), now));
            }
            if (i.state() == IncidentState.OPEN && due(i.nextReminderAt(), now)) {
                changes += once(tx -> remind(tx, i.number(), now));
            }
        }
        return changes;
    }

    /** Runs one item in its own transaction; another writer having done it first counts as done. */
    private int once(java.util.function.Function<IncidentTx, Integer> item) {
        try {
            return store.inTransaction(item);
        } catch (Publisher.ConcurrentChangeException e) {
            return 0;
        }
    }

    private int expireMutes(Instant now) {
        List<Mute> expired = new ArrayList<>();
        for (Mute m : store.inTransaction(IncidentTx::unendedMutes)) {
            if (!now.isBefore(m.endsAt())) {
                expired.add(m);
            }
        }
        for (Mute m : expired) {
            store.inTransaction(tx -> {
                Optional<Mute> current = tx.mute(m.number());
                if (current.isPresent() && current.get().endedAt() == null) {
                    actions.endMutes(tx, List.of(current.get()), m.endsAt(), Actor.SYSTEM,
                            TimelineAction.MUTE_EXPIRED, "mute " + m.id() + " expired");
                }
                return null;
            });
        }
        return expired.size();
    }

    private int escalate(IncidentTx tx, long number, Instant now) {
        Optional<Incident> found = tx.incident(number);
        if (found.isEmpty()) {
            return 0;
        }
        Incident i = found.get();
        if (i.state() != IncidentState.OPEN || !due(i.nextEscalationAt(), now)
                || publisher.muteOf(tx, i, now).isPresent()) {
            return 0;
        }
        EscalationPolicy policy = i.policy() == null ? null : config.policies().get(i.policy());
        int to = i.escalationLevel() + 1;
        if (policy == null || policy.level(to) == null) {
            Incident.Builder b = Revisions.next(i, now);
            b.nextEscalationAt = null;
            publisher.changed(tx, new Change(b.build(), TimelineAction.ESCALATED, Actor.SYSTEM,
                    "no further escalation level (policy " + i.policy() + " changed)", List.of(), false), now);
            return 1;
        }
        Duration waited = Duration.between(i.openedAt(), now);
        publisher.changed(tx, Escalations.raise(i, policy, to, now, Actor.SYSTEM,
                "escalated to level " + to + ": unacknowledged for " + Durations.format(round(waited))), now);
        return 1;
    }

    private int remind(IncidentTx tx, long number, Instant now) {
        Optional<Incident> found = tx.incident(number);
        if (found.isEmpty()) {
            return 0;
        }
        Incident i = found.get();
        if (i.state() != IncidentState.OPEN || !due(i.nextReminderAt(), now)
                || publisher.muteOf(tx, i, now).isPresent()) {
            return 0;
        }
        Duration every = publisher.route(i).remindEvery();
        Incident.Builder b = Revisions.next(i, now);
        b.nextReminderAt = every == null ? null : now.plus(every);
        publisher.changed(tx, Change.of(b.build(), TimelineAction.REMINDED, Actor.SYSTEM,
                "reminder: still open and unacknowledged after "
                        + Durations.format(round(Duration.between(i.openedAt(), now)))), now);
        return 1;
    }

    private static boolean due(Instant at, Instant now) {
        return at != null && !at.isAfter(now);
    }

    private static Duration round(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }
}
