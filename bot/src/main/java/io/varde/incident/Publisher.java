package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stores one incident change with its timeline entry and, in the same transaction, its outbox
 * messages: one per channel the incident is shown in, or a SUPPRESSED entry while it is muted
 * (a resolution is announced all the same). Messages of campaign and connectivity incidents are
 * {@link OutboxMessage.Priority#URGENT urgent}: delivery lets them pass other incidents' messages.
 */
final class Publisher {

    private final TeamConfig config;
    private final Map<String, Target> targets;
    private final Predicate<Target> mayCampaign;

    /**
     * @param mayCampaign true for a target that a campaign rule could take over: its own new
     *                    incident is held back for its route's group wait
     */
    Publisher(TeamConfig config, Map<String, Target> targets, Predicate<Target> mayCampaign) {
        this.config = config;
        this.targets = targets;
        this.mayCampaign = mayCampaign;
    }

    /** Labels of a target by id (empty for one no longer configured). */
    Function<String, Labels> labelsOf() {
        return id -> {
            Target t = targets.get(id);
            return t == null ? Labels.empty() : t.labels();
        };
    }

    /** The active mute that covers {@code incident} now, if any (the one ending last). */
    Optional<Mute> muteOf(IncidentTx tx, Incident incident, Instant now) {
        Mute best = null;
        for (Mute m : tx.unendedMutes()) {
            if (m.activeAt(now) && m.scope().covers(incident, labelsOf())
                    && (best == null || m.endsAt().isAfter(best.endsAt()))) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Every channel the incident is shown in: its route's channels, then those of each
     * escalation level reached, without repeats.
     */
    List<String> channelsOf(Incident incident) {
        Set<String> channels = new LinkedHashSet<>(route(incident).channels());
        EscalationPolicy policy = incident.policy() == null ? null : config.policies().get(incident.policy());
        if (policy != null) {
            for (int level = 1; level <= incident.escalationLevel(); level++) {
                EscalationPolicy.Level l = policy.level(level);
                if (l != null) {
                    channels.addAll(l.channels());
                }
            }
        }
        return new ArrayList<>(channels);
    }

    Route route(Incident incident) {
        for (Route r : config.routes()) {
            if (r.name().equals(incident.route())) {
                return r;
            }
        }
        return config.fallback();
    }

    /** Stores a new incident (revision 1) and announces it. */
    void opened(IncidentTx tx, Change change, Instant now) {
        tx.insert(change.incident());
        record(tx, change, now);
    }

    /**
     * Stores the next revision; throws {@link ConcurrentChangeException} when someone else
     * changed the incident first (the transaction then rolls back).
     */
    void changed(IncidentTx tx, Change change, Instant now) {
        if (!tx.update(change.incident())) {
            throw new ConcurrentChangeException(change.incident().id());
        }
        record(tx, change, now);
    }

    private void record(IncidentTx tx, Change change, Instant now) {
        Incident incident = change.incident();
        tx.append(new TimelineEntry(incident.number(), now, change.actor(), change.action(), change.text()));
        if (!change.announce()) {
            return;
        }
        Optional<Mute> mute = muteOf(tx, incident, now);
        boolean alwaysSent = incident.resolved() || change.action() == TimelineAction.MUTED
                || change.action() == TimelineAction.UNMUTED || change.action() == TimelineAction.MUTE_EXPIRED;
        if (mute.isPresent() && !alwaysSent) {
            tx.append(new TimelineEntry(incident.number(), now, Actor.SYSTEM, TimelineAction.SUPPRESSED,
                    "not announced: muted by " + mute.get().id()));
            return;
        }
        var card = IncidentCards.card(incident, mute.orElse(null), targets);
        OutboxMessage.Priority priority = OutboxMessage.Priority.of(incident.kind());
        OutboxMessage.Pacing pacing = pacing(change, now);
        for (String channel : channelsOf(incident)) {
            tx.enqueue(new OutboxMessage(0, incident.number(), incident.revision(), channel, card,
                    change.text(), change.mentions(), now, priority, pacing));
        }
    }

    /**
     * When the change may go out. Group wait: every message of a site's own new incident is held
     * until its route's {@code group-wait} after the opening when a campaign rule could take the
     * site over (a campaign forming meanwhile withdraws them, see {@link Change#ifAnnounced}).
     * Thread digest: a member change without mentions is told at the end of its slot of the
     * route's {@code thread-interval}, counted from the opening, together with the other member
     * changes of that slot; anything else (human actions, escalations, the resolution) at once.
     */
    OutboxMessage.Pacing pacing(Change change, Instant now) {
        Incident incident = change.incident();
        Route route = route(incident);
        Instant holdUntil = null;
        Duration wait = route.groupWait();
        if (!wait.isZero() && incident.kind() == IncidentKind.OUTAGE
                && now.isBefore(incident.openedAt().plus(wait))
                && incident.targets().stream().map(t -> targets.get(t.targetId()))
                        .anyMatch(t -> t != null && mayCampaign.test(t))) {
            holdUntil = incident.openedAt().plus(wait);
        }
        Instant replyAt = now;
        OutboxMessage.Member member = change.mentions().isEmpty() && !incident.resolved() ? change.member() : null;
        Duration slot = route.threadInterval();
        if (member != null && !slot.isZero()) {
            long slots = Duration.between(incident.openedAt(), now).toMillis() / slot.toMillis() + 1;
            replyAt = incident.openedAt().plus(slot.multipliedBy(slots));
        }
        return new OutboxMessage.Pacing(holdUntil, replyAt, member, change.ifAnnounced());
    }

    /** Another writer changed the incident first; the caller's transaction is rolled back. */
    static final class ConcurrentChangeException extends RuntimeException {
        ConcurrentChangeException(String incidentId) {
            super(incidentId + " was changed by another writer");
        }
    }
}
