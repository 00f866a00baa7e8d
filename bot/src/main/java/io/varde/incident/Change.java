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
 * @param member   for a member change of a multi-site incident (a site joined, recovered, got
 *                 worse or better), the site and what became of it: told in the thread digest
 *                 with the other member changes of its slot; null for anything else
 * @param ifAnnounced true when it need not reach a channel where the incident was never posted
 *                 (a site rolled up into a campaign during its group wait)
 */
record Change(Incident incident, TimelineAction action, Actor actor, String text,
              List<String> mentions, boolean announce, OutboxMessage.Member member, boolean ifAnnounced) {

    Change {
        Objects.requireNonNull(incident, "incident");
        mentions = List.copyOf(mentions);
    }

    Change(Incident incident, TimelineAction action, Actor actor, String text, List<String> mentions,
           boolean announce) {
        this(incident, action, actor, text, mentions, announce, null, false);
    }

    /** This change as a member change: {@code name} became {@code state}. */
    Change member(String name, String state) {
        return new Change(incident, action, actor, text, mentions, announce,
                new OutboxMessage.Member(name, state), ifAnnounced);
    }

    /** This change, withdrawn where the incident was never posted. */
    Change onlyIfAnnounced() {
        return new Change(incident, action, actor, text, mentions, announce, member, true);
    }

    static Change of(Incident incident, TimelineAction action, Actor actor, String text) {
        return new Change(incident, action, actor, text, List.of(), true);
    }
}
