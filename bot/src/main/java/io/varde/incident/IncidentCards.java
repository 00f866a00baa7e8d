package io.varde.incident;

import io.varde.check.Target;
import io.varde.core.Card;
import io.varde.core.Card.Button;
import io.varde.core.Card.Field;
import io.varde.core.Card.Style;
import io.varde.core.Durations;
import io.varde.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Words for incidents: the living message every notifier shows. Pure. */
public final class IncidentCards {

    /** Targets named in the Targets field before rolling up into "+N more". */
    static final int NAMED_TARGETS = 5;
    /** Target lines shown before rolling up. */
    static final int TARGET_LINES = 10;

    private IncidentCards() {
    }

    /**
     * The card of {@code incident} as it stands. The title is the incident's title without its
     * id: every renderer shows the id from the message itself.
     *
     * @param mute    the active mute covering it, or null
     * @param targets the configured targets by id (for names; unknown ids are shown as ids)
     */
    public static Card card(Incident incident, Mute mute, Map<String, Target> targets) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("State", state(incident)));
        if (!incident.targets().isEmpty()) {
            fields.add(new Field("Targets", targetList(incident)));
        }
        fields.add(new Field("Opened", time(incident.openedAt())));
        if (incident.policy() != null && !incident.resolved()) {
            fields.add(new Field("Escalation", escalation(incident)));
        }
        if (mute != null) {
            fields.add(new Field("Muted", "until " + time(mute.endsAt()) + " by " + mute.by().describe()
                    + " (" + mute.id() + (mute.reason().isEmpty() ? "" : ": " + mute.reason()) + ")"));
        }
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (AffectedTarget t : incident.targets()) {
            if (shown++ == TARGET_LINES) {
                lines.add("+" + (incident.targets().size() - TARGET_LINES) + " more targets");
                break;
            }
            lines.add(name(t.targetId(), targets) + ": " + stateOf(incident.kind(), t) + " since " + time(t.since())
                    + (t.problem().isEmpty() ? "" : ", " + t.problem()));
        }
        for (Evidence e : incident.evidence()) {
            lines.add(e.ref() + ": " + e.text());
        }
        return new Card(incident.title(),
                incident.resolved() ? Severity.RESOLVED : incident.severity(),
                fields, lines, buttons(incident));
    }

    /** A target's state in words; a task list notice says tasked or not, not UP or UNKNOWN. */
    private static String stateOf(IncidentKind kind, AffectedTarget t) {
        if (kind == IncidentKind.TASKED) {
            return t.recovered() ? "no longer tasked" : "tasked";
        }
        if (kind == IncidentKind.CLAIMED_NOT_OBSERVED) {
            return "claimed, UP";
        }
        return t.state().toString();
    }

    private static String state(Incident i) {
        if (i.kind() == IncidentKind.CLAIMED_NOT_OBSERVED) {
            return "Notice: nothing to act on";
        }
        return switch (i.state()) {
            case OPEN -> "Open";
            case ACKNOWLEDGED -> "Acknowledged by " + i.acknowledgedBy().describe()
                    + " at " + time(i.acknowledgedAt());
            case RESOLVED -> "Resolved at " + time(i.resolvedAt()) + " after "
                    + Durations.format(since(i.openedAt(), i.resolvedAt()));
        };
    }

    private static String escalation(Incident i) {
        String level = i.escalationLevel() == 0 ? "not escalated" : "level " + i.escalationLevel();
        String next = i.nextEscalationAt() == null ? "" : ", next at " + time(i.nextEscalationAt());
        return level + " of " + i.policy() + next;
    }

    static String targetList(Incident i) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (AffectedTarget t : i.targets()) {
            if (n == NAMED_TARGETS) {
                sb.append(" +").append(i.targets().size() - NAMED_TARGETS).append(" more");
                break;
            }
            sb.append(n++ == 0 ? "" : ", ").append(t.targetId());
        }
        return sb.toString();
    }

    private static List<Button> buttons(Incident i) {
        if (i.resolved()) {
            return List.of();
        }
        List<Button> buttons = new ArrayList<>();
        if (i.state() == IncidentState.OPEN) {
            buttons.add(new Button("Acknowledge", "ack " + i.id(), Style.PRIMARY));
        }
        buttons.add(new Button("Mute 1h", "mute " + i.id() + " 1h", Style.DEFAULT));
        buttons.add(new Button("Escalate", "escalate " + i.id(), Style.DANGER));
        return buttons;
    }

    static String name(String targetId, Map<String, Target> targets) {
        Target t = targets.get(targetId);
        return t == null || t.name() == null || t.name().equals(targetId) ? targetId : t.name() + " (" + targetId + ")";
    }

    /** e.g. {@code 2025-11-13 09:02 UTC}. */
    public static String time(Instant at) {
        String s = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return s.substring(0, 10) + " " + s.substring(11, 16) + " UTC";
    }

    private static Duration since(Instant from, Instant to) {
        Duration d = Duration.between(from, to).truncatedTo(ChronoUnit.SECONDS);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
