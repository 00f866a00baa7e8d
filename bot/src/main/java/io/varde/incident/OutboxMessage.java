package io.varde.incident;

import io.varde.core.Card;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notification waiting to be delivered, written in the same transaction as the incident change
 * it announces.
 *
 * @param id        the store's sequence (0 before it is stored); delivery order within a channel
 * @param incident  the incident's number
 * @param revision  the incident revision it shows
 * @param channel   where it goes: {@code console}, {@code slack:C0123}, {@code discord:1234},
 *                  {@code webhook:duty}
 * @param card      the incident as it stands at {@code revision}: the living message's content
 * @param change    what changed in this revision, one line (a thread reply where the platform has
 *                  threads)
 * @param mentions  people or groups to notify with it, as {@code slack:U1}, {@code slack-group:S1},
 *                  {@code discord:1}, {@code discord-role:2}; each platform renders its own
 * @param createdAt when it was queued
 * @param priority  whether it may go ahead of other incidents' messages in its channel
 */
public record OutboxMessage(long id, long incident, int revision, String channel, Card card,
                            String change, List<String> mentions, Instant createdAt,
                            Priority priority) {

    /**
     * How soon a message must reach its channel relative to other incidents' messages there.
     * Delivery keeps each incident's own messages in order whatever their priority.
     */
    public enum Priority {
        /** Explains many other alerts at once (a campaign, lost connectivity): goes first. */
        URGENT,
        /** One incident's own news. */
        NORMAL;

        /**
         * URGENT for campaign and connectivity incidents, whose one message is what responders
         * need in a storm of per-site alerts; NORMAL for every other kind.
         */
        public static Priority of(IncidentKind kind) {
            return kind == IncidentKind.CAMPAIGN || kind == IncidentKind.CONNECTIVITY ? URGENT : NORMAL;
        }
    }

    public OutboxMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(priority, "priority");
        mentions = List.copyOf(mentions);
    }

    /** A message of {@link Priority#NORMAL} priority. */
    public OutboxMessage(long id, long incident, int revision, String channel, Card card,
                         String change, List<String> mentions, Instant createdAt) {
        this(id, incident, revision, channel, card, change, mentions, createdAt, Priority.NORMAL);
    }

    /** True when it is {@link Priority#URGENT}. */
    public boolean urgent() {
        return priority == Priority.URGENT;
    }

    /** Idempotency key: one message per incident, channel and revision. */
    public String key() {
        return key(incident, channel, revision);
    }

    public static String key(long incident, String channel, int revision) {
        return Incident.id(incident) + "/" + channel + "/r" + revision;
    }

    public OutboxMessage withId(long newId) {
        return new OutboxMessage(newId, incident, revision, channel, card, change, mentions, createdAt,
                priority);
    }
}
