package io.varde.incident;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one change to an incident: the new revision and what to tell people.
 *
 * @param incident the incident at its new revision
 * @param action   the timeline action that describes it
 * @param actor    who caused it
 * @param text     the timeline text, also the one-line "what changed" of the notification
 * @param mentions people or groups to notify with it (escalation levels)
 * @param announce false when the change goes to the timeline only, not to chat
 */
record Change(Incident incident, TimelineAction action, Actor actor, String text,
              List<String> mentions, boolean announce) {

    Change {
        Objects.requireNonNull(incident, "incident");
        mentions = List.copyOf(mentions);
    }

    static Change of(Incident incident, TimelineAction action, Actor actor, String text) {
        return new Change(incident, action, actor, text, List.of(), true);
    }
}
