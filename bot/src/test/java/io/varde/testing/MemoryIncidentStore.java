package io.varde.testing;

import io.varde.detect.TargetState;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentStore;
import io.varde.incident.IncidentTx;
import io.varde.incident.Mute;
import io.varde.incident.OutboxMessage;
import io.varde.incident.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An in-memory {@link IncidentStore} for fast tests of incident logic: one transaction at a time,
 * rolled back (from a snapshot) when the work throws. The JDBC stores pass the same contract in
 * their own suite.
 */
public final class MemoryIncidentStore implements IncidentStore {

    private State state = new State();

    private static final class State {
        long incidentSeq;
        long muteSeq;
        long outboxSeq;
        Map<Long, Incident> incidents = new TreeMap<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        Map<Long, Mute> mutes = new TreeMap<>();
        Map<String, OutboxMessage> outbox = new LinkedHashMap<>();
        Map<String, IncidentTx.StoredTargetState> states = new TreeMap<>();

        State copy() {
            State c = new State();
            c.incidentSeq = incidentSeq;
            c.muteSeq = muteSeq;
            c.outboxSeq = outboxSeq;
            c.incidents = new TreeMap<>(incidents);
            c.timeline = new ArrayList<>(timeline);
            c.mutes = new TreeMap<>(mutes);
            c.outbox = new LinkedHashMap<>(outbox);
            c.states = new TreeMap<>(states);
            return c;
        }
    }

    @Override
    public synchronized <T> T inTransaction(Function<IncidentTx, T> work) {
        State before = state.copy();
        try {
            return work.apply(new Tx());
        } catch (RuntimeException e) {
            long incidentSeq = state.incidentSeq;
            long muteSeq = state.muteSeq;
            state = before;
            state.incidentSeq = incidentSeq;
            state.muteSeq = muteSeq;
            throw e;
        }
    }

    /** Every outbox message queued so far, in order. */
    public synchronized List<OutboxMessage> outbox() {
        return new ArrayList<>(state.outbox.values());
    }

    private final class Tx implements IncidentTx {

        @Override
        public long nextIncidentNumber() {
            return ++state.incidentSeq;
        }

        @Override
        public long nextMuteNumber() {
            return ++state.muteSeq;
        }

        @Override
        public void insert(Incident incident) {
            if (state.incidents.putIfAbsent(incident.number(), incident) != null) {
                throw new IllegalStateException("duplicate " + incident.id());
            }
        }

        @Override
        public boolean update(Incident next) {
            Incident stored = state.incidents.get(next.number());
            if (stored == null || stored.revision() != next.revision() - 1) {
                return false;
            }
            state.incidents.put(next.number(), next);
            return true;
        }

        @Override
        public Optional<Incident> incident(long number) {
            return Optional.ofNullable(state.incidents.get(number));
        }

        @Override
        public Optional<Incident> unresolvedByKey(String key) {
            return state.incidents.values().stream().filter(i -> !i.resolved() && i.key().equals(key)).findFirst();
        }

        @Override
        public Optional<Incident> unresolvedWithTarget(String targetId) {
            return state.incidents.values().stream()
                    .filter(i -> !i.resolved() && i.kind() != IncidentKind.CONNECTIVITY && i.kind().ownsTargets() && i.target(targetId) != null)
                    .findFirst();
        }

        @Override
        public List<Incident> withDueTimers(Instant now) {
            return state.incidents.values().stream()
                    .filter(i -> i.state() == io.varde.incident.IncidentState.OPEN)
                    .filter(i -> due(i.nextEscalationAt(), now) || due(i.nextReminderAt(), now))
                    .sorted(Comparator.comparing(Incident::openedAt).thenComparingLong(Incident::number))
                    .toList();
        }

        private boolean due(Instant at, Instant now) {
            return at != null && !at.isAfter(now);
        }

        @Override
        public List<Incident> unresolved() {
            return state.incidents.values().stream().filter(i -> !i.resolved()).toList();
        }

        @Override
        public List<Incident> recent(int limit) {
            return state.incidents.values().stream()
                    .sorted(Comparator.comparingLong(Incident::number).reversed()).limit(limit).toList();
        }

        @Override
        public void append(TimelineEntry entry) {
            state.timeline.add(entry);
        }

        @Override
        public List<TimelineEntry> timeline(long incident) {
            return state.timeline.stream().filter(e -> e.incident() == incident).toList();
        }

        @Override
        public void insert(Mute mute) {
            state.mutes.put(mute.number(), mute);
        }

        @Override
        public void end(Mute mute) {
            state.mutes.put(mute.number(), mute);
        }

        @Override
        public Optional<Mute> mute(long number) {
            return Optional.ofNullable(state.mutes.get(number));
        }

        @Override
        public List<Mute> unendedMutes() {
            return state.mutes.values().stream().filter(m -> m.endedAt() == null).toList();
        }

        @Override
        public void enqueue(OutboxMessage message) {
            if (!state.outbox.containsKey(message.key())) {
                state.outbox.put(message.key(), message.withId(++state.outboxSeq));
            }
        }

        @Override
        public void saveTargetState(String targetId, TargetState targetState, Instant since) {
            state.states.put(targetId, new IncidentTx.StoredTargetState(targetState, since));
        }

        @Override
        public Map<String, IncidentTx.StoredTargetState> targetStates() {
            return new TreeMap<>(state.states);
        }
    }
}
