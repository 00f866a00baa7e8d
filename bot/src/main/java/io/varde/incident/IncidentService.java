package io.varde.incident;

import io.varde.check.Target;
import io.varde.correlate.Finding;
import io.varde.detect.DetectionEvent;
import io.varde.detect.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The one way incidents change: detection events, human actions and the time-driven sweep. Each
 * change, its timeline entries and its outbox messages are written in one transaction.
 * Thread-safe: calls are serialised (detection runs on probe threads, commands on chat threads,
 * the sweep on a scheduler thread), and stored revisions guard against another instance.
 */
public final class IncidentService {

    private final IncidentStore store;
    private final Map<String, Target> targets;
    private final DetectionIntake intake;
    private final CorrelationIntake correlation;
    private final HumanActions actions;
    private final Sweep sweep;
    private final Publisher publisher;
    private final ClusterNotices cluster;
    private final Runnable onChange;
    private final ArrayDeque<Unit> waiting = new ArrayDeque<>();
    private long dropped;

    /**
     * The most detection events and findings kept waiting while the database is away (a storm
     * of thousands of sites changing several times); beyond it the oldest are dropped and counted.
     */
    public static final int MAX_WAITING = 50_000;

    /** One thing to apply in its own transaction: a detection event or a finding. */
    private record Unit(DetectionEvent event, Finding finding) {
    }

    /**
     * @param onChange called after a transaction that may have queued notifications (to wake the
     *                 delivery worker); must not block
     */
    public IncidentService(IncidentStore store, TeamConfig config, List<Target> targets, Runnable onChange) {
        this(store, config, targets, t -> false, onChange);
    }

    /**
     * @param mayCampaign true for a target that a campaign rule could take over (see
     *                    {@code Correlator::mayCampaign}): its own new incident waits for its
     *                    route's group wait before it is announced
     * @param onChange    called after a transaction that may have queued notifications (to wake
     *                    the delivery worker); must not block
     */
    public IncidentService(IncidentStore store, TeamConfig config, List<Target> targets,
                           java.util.function.Predicate<Target> mayCampaign, Runnable onChange) {
        this.store = store;
        Map<String, Target> byId = new LinkedHashMap<>();
        for (Target t : targets) {
            byId.put(t.id(), t);
        }
        this.targets = Map.copyOf(byId);
        this.publisher = new Publisher(config, this.targets, mayCampaign);
        this.intake = new DetectionIntake(config, this.targets, publisher);
        this.actions = new HumanActions(config, this.targets, publisher);
        this.sweep = new Sweep(store, config, publisher, actions);
        this.correlation = new CorrelationIntake(config, this.targets, publisher, actions);
        this.cluster = new ClusterNotices(config, publisher);
        this.onChange = onChange;
    }

    /**
     * Applies detection events in order, each in its own transaction. When the store fails (the
     * database is unreachable), the event and every later one wait in memory, in order, and are
     * applied by the next call or sweep once it works again; the failure is rethrown for logging.
     * Detection does not announce a change twice, so an event dropped here would be lost.
     */
    public synchronized void onEvents(List<DetectionEvent> events) {
        events.forEach(e -> hold(new Unit(e, null)));
        applyWaiting();
    }

    private void hold(Unit u) {
        waiting.add(u);
        if (waiting.size() > MAX_WAITING) {
            waiting.removeFirst();
            dropped++;
        }
    }

    /** Detection events and findings dropped unapplied because too many waited (the database was away for long). */
    public synchronized long droppedEvents() {
        return dropped;
    }

    /**
     * Applies a detection event (or null, for findings from intel or time) with what correlation
     * concluded from it: campaign and inhibition findings first (so the event joins the campaign
     * or is held back), then the event, then the rest. Each in its own transaction, in order,
     * waiting like {@link #onEvents} when the store fails.
     */
    public synchronized void onCorrelated(DetectionEvent event, List<Finding> findings) {
        findings.stream().filter(CorrelationIntake::before).forEach(f -> hold(new Unit(null, f)));
        if (event != null) {
            hold(new Unit(event, null));
        }
        findings.stream().filter(f -> !CorrelationIntake.before(f)).forEach(f -> hold(new Unit(null, f)));
        applyWaiting();
    }

    /** Detection events and findings not applied yet because the store failed. */
    public synchronized int waitingEvents() {
        return waiting.size();
    }

    private void applyWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            while (!waiting.isEmpty()) {
                Unit u = waiting.peekFirst();
                store.inTransaction(tx -> {
                    if (u.event() != null) {
                        intake.apply(tx, u.event());
                    } else {
                        correlation.apply(tx, u.finding());
                    }
                    return null;
                });
                waiting.removeFirst();
            }
        } finally {
            onChange.run();
        }
    }

    /**
     * Applies detection events still waiting from a store failure, then expires mutes, escalates
     * and reminds what is due; returns the number of timer changes.
     */
    public synchronized int sweep(Instant now) {
        applyWaiting();
        int changes = sweep.run(now);
        if (changes > 0) {
            onChange.run();
        }
        return changes;
    }

    /** A node of the cluster is lost (no heartbeat since {@code lastHeartbeat}): its notice opens, once. */
    public synchronized void nodeLost(String node, Instant lastHeartbeat, Instant now) {
        store.inTransaction(tx -> {
            cluster.lost(tx, node, lastHeartbeat, now);
            return null;
        });
        onChange.run();
    }

    /** A lost node's notice resolves: it {@code how} ("is back", "stopped cleanly", ...). */
    public synchronized void nodeBack(String node, String how, Instant now) {
        store.inTransaction(tx -> {
            cluster.back(tx, node, how, now);
            return null;
        });
        onChange.run();
    }

    /** The nodes with an open lost-node notice. */
    public List<String> nodesNoticedLost() {
        return unresolved().stream().map(ClusterNotices::nodeOf).flatMap(Optional::stream).toList();
    }

    public synchronized ActionResult ack(long incident, Actor by, Instant now) {
        return act(tx -> actions.ack(tx, incident, by, now));
    }

    public synchronized ActionResult mute(MuteScope scope, Duration duration, String reason, Actor by, Instant now) {
        return act(tx -> actions.mute(tx, scope, duration, reason, by, now));
    }

    /** Ends mute {@code ref} ({@code M-n}), or every active mute on target {@code ref}. */
    public synchronized ActionResult unmute(String ref, Actor by, Instant now) {
        return act(tx -> actions.unmute(tx, ref, by, now));
    }

    public synchronized ActionResult escalate(long incident, OptionalInt level, String note, Actor by, Instant now) {
        return act(tx -> actions.escalate(tx, incident, level, note, by, now));
    }

    public synchronized ActionResult resolve(long incident, String note, Actor by, Instant now) {
        return act(tx -> actions.resolve(tx, incident, note, by, now));
    }

    /** Records on the incident's timeline that {@code by} tried {@code command} without the role. */
    public synchronized void denied(long incident, Actor by, String command, Role needed, Instant now) {
        store.inTransaction(tx -> {
            actions.denied(tx, incident, by, command, needed, now);
            return null;
        });
    }

    public Optional<Incident> incident(long number) {
        return store.inTransaction(tx -> tx.incident(number));
    }

    public List<TimelineEntry> timeline(long number) {
        return store.inTransaction(tx -> tx.timeline(number));
    }

    /** Open and acknowledged incidents, oldest first. */
    public List<Incident> unresolved() {
        return store.inTransaction(IncidentTx::unresolved);
    }

    /** The newest incidents, resolved ones included, newest first. */
    public List<Incident> recent(int limit) {
        return store.inTransaction(tx -> tx.recent(limit));
    }

    /** Mutes in force at {@code now}. */
    public List<Mute> activeMutes(Instant now) {
        return store.inTransaction(tx -> tx.unendedMutes().stream().filter(m -> m.activeAt(now)).toList());
    }

    /** The active mute covering {@code incident} at {@code now}, if any. */
    public Optional<Mute> muteOf(Incident incident, Instant now) {
        return store.inTransaction(tx -> publisher.muteOf(tx, incident, now));
    }

    /** Announced target states as stored, for detection to resume from after a restart. */
    public Map<String, IncidentTx.StoredTargetState> storedTargetStates() {
        return store.inTransaction(IncidentTx::targetStates);
    }

    /**
     * What correlation had learnt, as the open incidents and mutes show it, for
     * {@code Correlator.restore} after a restart.
     *
     * @param outageSince by target, since when it is DOWN or DEGRADED in an open incident
     * @param downSince   by target, since when it is DOWN in an open incident (what a campaign
     *                    rule counts)
     * @param campaigns   by campaign key, its members not back UP
     * @param inhibitions the keys of running inhibitions
     */
    public record CorrelationState(Map<String, Instant> outageSince, Map<String, Instant> downSince,
                                   Map<String, List<String>> campaigns, Set<String> inhibitions) {
    }

    public CorrelationState correlationState(Instant now) {
        return store.inTransaction(tx -> {
            Map<String, Instant> outages = new LinkedHashMap<>();
            Map<String, Instant> down = new LinkedHashMap<>();
            Map<String, List<String>> campaigns = new LinkedHashMap<>();
            for (Incident i : tx.unresolved()) {
                if (!i.kind().ownsTargets() || i.kind() == IncidentKind.CONNECTIVITY) {
                    continue;
                }
                i.targets().stream().filter(t -> t.state().isProblem())
                        .forEach(t -> outages.putIfAbsent(t.targetId(), t.since()));
                i.targets().stream().filter(t -> t.state() == TargetState.DOWN)
                        .forEach(t -> down.putIfAbsent(t.targetId(), t.since()));
                if (i.kind() == IncidentKind.CAMPAIGN) {
                    campaigns.put(i.key(), i.targets().stream().filter(t -> !t.recovered())
                            .map(AffectedTarget::targetId).toList());
                }
            }
            Set<String> inhibitions = new LinkedHashSet<>();
            for (Mute m : tx.unendedMutes()) {
                if (m.activeAt(now)) {
                    CorrelationIntake.inhibitionKey(m).ifPresent(inhibitions::add);
                }
            }
            return new CorrelationState(outages, down, campaigns, inhibitions);
        });
    }

    /** The configured targets by id. */
    public Map<String, Target> targets() {
        return targets;
    }

    private ActionResult act(java.util.function.Function<IncidentTx, ActionResult> action) {
        ActionResult result;
        try {
            result = store.inTransaction(action);
        } catch (Publisher.ConcurrentChangeException e) {
            return ActionResult.refused("the incident changed at the same moment; try again");
        }
        if (result.ok()) {
            onChange.run();
        }
        return result;
    }
}
