package io.varde.incident;

import io.varde.core.Labels;
import io.varde.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One problem the team works on, as stored. Immutable: every change makes a new value with a
 * higher {@code revision}, which the store uses for conditional updates (two writers cannot both
 * win) and the outbox for its idempotency key.
 *
 * @param number            the {@code n} of {@code INC-n}
 * @param key               what groups signals into this incident while it is not resolved,
 *                          e.g. {@code target:borger-dk}, {@code group:org=kk}, {@code connectivity}
 * @param kind              outage, degraded, connectivity
 * @param title             one line for humans
 * @param severity          CRITICAL, WARNING or INFO (never RESOLVED: see {@code state})
 * @param state             open, acknowledged, resolved
 * @param targets           the affected targets, in the order they joined
 * @param labels            labels all affected targets share (routing and label mutes use them)
 * @param openedAt          when it opened
 * @param updatedAt         when it last changed
 * @param resolvedAt        when it resolved, or null
 * @param acknowledgedBy    who acknowledged it, or null
 * @param acknowledgedAt    when, or null
 * @param route             the name of the route that chose its channels and policy
 * @param policy            its escalation policy's name, or null for none
 * @param escalationLevel   the escalation level reached (1 = the first level, 0 = none yet)
 * @param nextEscalationAt  when the next level is due, or null when nothing is due
 * @param nextReminderAt    when the next reminder is due, or null
 * @param revision          1 when opened, +1 on every change
 * @param evidence          what correlation found (claims, task lists, campaign rules), oldest first
 */
public record Incident(long number, String key, IncidentKind kind, String title, Severity severity,
                       IncidentState state, List<AffectedTarget> targets, Labels labels,
                       Instant openedAt, Instant updatedAt, Instant resolvedAt,
                       Actor acknowledgedBy, Instant acknowledgedAt,
                       String route, String policy, int escalationLevel,
                       Instant nextEscalationAt, Instant nextReminderAt, int revision,
                       List<Evidence> evidence) {

    public static final String PREFIX = "INC-";
    private static final String TASKED_PREFIX = "tasked:";

    public Incident {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(route, "route");
        targets = List.copyOf(targets);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** True when {@code ref} is among its evidence already. */
    public boolean hasEvidence(String ref) {
        return evidence.stream().anyMatch(e -> e.ref().equals(ref));
    }

    /** e.g. {@code INC-42}. */
    public String id() {
        return id(number);
    }

    public static String id(long number) {
        return PREFIX + number;
    }

    /** The key of the task list notice of task list source {@code source}. */
    public static String taskedKey(String source) {
        return TASKED_PREFIX + source;
    }

    /** For a task list notice, the name of its task list source; null otherwise. */
    public String taskListSource() {
        return kind == IncidentKind.TASKED && key.startsWith(TASKED_PREFIX) ? key.substring(TASKED_PREFIX.length()) : null;
    }

    public boolean resolved() {
        return state == IncidentState.RESOLVED;
    }

    /** The affected target with {@code targetId}, or null. */
    public AffectedTarget target(String targetId) {
        for (AffectedTarget t : targets) {
            if (t.targetId().equals(targetId)) {
                return t;
            }
        }
        return null;
    }

    /** A builder-style copy; the service uses it to make the next revision. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of an incident, for making the next revision in one place. */
    public static final class Builder {
        public long number;
        public String key;
        public IncidentKind kind;
        public String title;
        public Severity severity;
        public IncidentState state;
        public List<AffectedTarget> targets;
        public Labels labels;
        public Instant openedAt;
        public Instant updatedAt;
        public Instant resolvedAt;
        public Actor acknowledgedBy;
        public Instant acknowledgedAt;
        public String route;
        public String policy;
        public int escalationLevel;
        public Instant nextEscalationAt;
        public Instant nextReminderAt;
        public int revision;
        public List<Evidence> evidence;

        Builder(Incident i) {
            number = i.number;
            key = i.key;
            kind = i.kind;
            title = i.title;
            severity = i.severity;
            state = i.state;
            targets = i.targets;
            labels = i.labels;
            openedAt = i.openedAt;
            updatedAt = i.updatedAt;
            resolvedAt = i.resolvedAt;
            acknowledgedBy = i.acknowledgedBy;
            acknowledgedAt = i.acknowledgedAt;
            route = i.route;
            policy = i.policy;
            escalationLevel = i.escalationLevel;
            nextEscalationAt = i.nextEscalationAt;
            nextReminderAt = i.nextReminderAt;
            revision = i.revision;
            evidence = i.evidence;
        }

        public Incident build() {
            return new Incident(number, key, kind, title, severity, state, targets, labels,
                    openedAt, updatedAt, resolvedAt, acknowledgedBy, acknowledgedAt, route, policy,
                    escalationLevel, nextEscalationAt, nextReminderAt, revision, evidence);
        }
    }
}
