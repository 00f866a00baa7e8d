package io.varde.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Moving an incident up its escalation policy. Pure. */
final class Escalations {

    private Escalations() {
    }

    /**
     * The change that puts {@code i} at level {@code to}: mentions of every level passed, and the
     * next level's due time (none once acknowledged or at the last level).
     */
    static Change raise(Incident i, EscalationPolicy policy, int to, Instant now, Actor by, String text) {
        List<String> mentions = new ArrayList<>();
        for (int level = i.escalationLevel() + 1; level <= to; level++) {
            for (String m : policy.level(level).mentions()) {
                if (!mentions.contains(m)) {
                    mentions.add(m);
                }
            }
        }
        Incident.Builder b = Revisions.next(i, now);
        b.escalationLevel = to;
        EscalationPolicy.Level following = policy.level(to + 1);
        b.nextEscalationAt = following == null || i.state() != IncidentState.OPEN ? null : now.plus(following.after());
        return new Change(b.build(), TimelineAction.ESCALATED, by, text, mentions, true);
    }
}
