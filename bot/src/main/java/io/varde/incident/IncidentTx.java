package io.varde.incident;

import io.varde.detect.TargetState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a transaction on the incident store can do. Valid only inside {@link IncidentStore#inTransaction}. */
public interface IncidentTx {

    /** The next incident number (1, 2, 3, ...), never reused, also after a rollback or restart. */
    long nextIncidentNumber();

    /** The next mute number, likewise. */
    long nextMuteNumber();

    /** Stores a new incident (revision 1). */
    void insert(Incident incident);

    /**
     * Replaces the stored incident with {@code next} only if the stored revision is
     * {@code next.revision() - 1}; returns false (and changes nothing) when someone else wrote first.
     */
    boolean update(Incident next);

    Optional<Incident> incident(long number);

    /** The unresolved incident with {@code key}, if any (at most one exists). */
    Optional<Incident> unresolvedByKey(String key);

    /**
     * The unresolved incident, other than a connectivity one, that has {@code targetId} among
     * its targets (at most one exists: detection puts a target in one incident at a time).
     * An index look-up: called for every detection event.
     */
    Optional<Incident> unresolvedWithTarget(String targetId);

    /**
     * Open (unacknowledged, unresolved) incidents with an escalation or a reminder due at
     * {@code now}, oldest first: what the sweep acts on, read every second.
     */
    List<Incident> withDueTimers(Instant now);

    /** Every unresolved incident, oldest first. */
    List<Incident> unresolved();

    /** The newest {@code limit} incidents, resolved ones included, newest first. */
    List<Incident> recent(int limit);

    void append(TimelineEntry entry);

    /** An incident's timeline, oldest first. */
    List<TimelineEntry> timeline(long incident);

    void insert(Mute mute);

    /** Stores {@code mute}'s end ({@code endedAt}, {@code endedBy}). */
    void end(Mute mute);

    Optional<Mute> mute(long number);

    /** Mutes not yet ended (possibly past their end time: the sweep ends those). */
    List<Mute> unendedMutes();

    /** Queues a message; a second message with the same {@link OutboxMessage#key()} is ignored. */
    void enqueue(OutboxMessage message);

    /** Records a target's announced state. */
    void saveTargetState(String targetId, TargetState state, Instant since);

    /** Every recorded announced state by target id. */
    Map<String, StoredTargetState> targetStates();

    /** A target's announced state as stored. */
    record StoredTargetState(TargetState state, Instant since) {
    }
}
