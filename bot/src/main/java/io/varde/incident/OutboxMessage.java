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
 * @param pacing    when its card and its line may go, and whether it may be withdrawn
 */
public record OutboxMessage(long id, long incident, int revision, String channel, Card card,
                            String change, List<String> mentions, Instant createdAt,
                            Priority priority, Pacing pacing) {

    /**
     * When a message may be delivered, beyond its channel's rate limit and holds.
     *
     * @param holdUntil       the group wait: nothing of this incident goes to the channel before
     *                        (null: no wait). Holds this incident only, never the channel
     * @param replyAt         when its line may go to the thread: its queueing time for a line
     *                        that goes at once, the end of the incident's digest slot for a
     *                        member change (which is then told in one digest with the others of
     *                        the slot); the card itself goes as soon as the channel allows
     * @param member          for a member change, the site and what became of it, from which the
     *                        digest is written ({@code 12 more sites DOWN: a, b, ...}); null for
     *                        a line told as it is
     * @param ifAnnounced     tells delivery that this change (a site rolled up into a campaign)
     *                        and everything before it need not reach a channel where the
     *                        incident was never posted: they are withdrawn there instead
     */
    public record Pacing(Instant holdUntil, Instant replyAt, Member member, boolean ifAnnounced) {

        public Pacing {
            Objects.requireNonNull(replyAt, "replyAt");
        }

        /** Delivered as soon as the channel allows, its line at once. */
        public static Pacing now(Instant at) {
            return new Pacing(null, at, null, false);
        }

        /** True while {@link #holdUntil} is after {@code now}. */
        public boolean heldAt(Instant now) {
            return holdUntil != null && holdUntil.isAfter(now);
        }
    }

    /**
     * A member change of a multi-site incident, as the digest tells it.
     *
     * @param name  the site's display name
     * @param state what became of it: {@code DOWN}, {@code DEGRADED}, {@code back UP},
     *              {@code flapping}
     */
    public record Member(String name, String state) {

        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }

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
        Objects.requireNonNull(pacing, "pacing");
        mentions = List.copyOf(mentions);
    }

    /** Delivered as soon as the channel allows ({@link Pacing#now}). */
    public OutboxMessage(long id, long incident, int revision, String channel, Card card,
                         String change, List<String> mentions, Instant createdAt, Priority priority) {
        this(id, incident, revision, channel, card, change, mentions, createdAt, priority,
                Pacing.now(createdAt));
    }

    /** A message of {@link Priority#NORMAL} priority, delivered as soon as the channel allows. */
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
                priority, pacing);
    }

    /** This message with other pacing. */
    public OutboxMessage withPacing(Pacing newPacing) {
        return new OutboxMessage(id, incident, revision, channel, card, change, mentions, createdAt,
                priority, newPacing);
    }
}
