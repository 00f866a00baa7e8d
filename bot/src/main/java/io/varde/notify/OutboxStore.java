package io.varde.notify;

import io.varde.incident.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The delivery side of the durable outbox. Every outcome is also written to the delivery log.
 * <p>
 * A channel's pending messages form one lane per incident. A message is <em>due</em> when its
 * incident's group wait is over ({@link OutboxMessage.Pacing#holdUntil}) and either its card has
 * not been shown yet or its line's time has come ({@link OutboxMessage.Pacing#replyAt}).
 */
public interface OutboxStore {

    /**
     * The candidates a delivery pass may send next, at most two per channel, chosen by
     * {@link ChannelHeads#choose}: the oldest due message of an urgent incident and the oldest
     * due message of a normal one, each with the channel's hold (the latest retry time of any of
     * its pending messages) as {@code notBefore}; ordered by id.
     */
    List<Pending> heads(Instant now);

    /**
     * One incident in one channel, read together: its pending messages in id order (due or not)
     * and its message there, if it was posted.
     */
    Lane lane(long incident, String channel);

    /**
     * @param messageRef the platform id of the incident's message in the channel; null when it
     *                   was never posted there
     * @param pending    its pending messages in id order
     * @param inFlight   the delivery begun and not recorded as done, or null
     */
    record Lane(String messageRef, List<Pending> pending, InFlight inFlight) {

        public Lane {
            pending = List.copyOf(pending);
        }

        public Lane(String messageRef, List<Pending> pending) {
            this(messageRef, pending, null);
        }
    }

    /**
     * Records, durably and before the platform is called, the delivery a lane is about to make,
     * replacing any earlier one of the lane. {@link #settle} and {@link #failed} end it (in their
     * transaction); {@link #retry} keeps it, because a failed call may still have been carried out
     * (an answer lost on the way back).
     */
    void begin(InFlight delivery);

    /** Drops the lane's delivery in flight, when its lead message is no longer pending. */
    void forget(long incident, String channel);

    /**
     * A delivery that was begun: enough to make it again exactly (its lead message is read
     * again from the lane) and to record it once done.
     *
     * @param leadId      the outbox message whose card it shows ({@link Delivery#message()})
     * @param messageRef  the message it edits, null for a first post
     * @param settlements what it does to the lane's messages once done
     * @param startedAt   when the first try began
     */
    record InFlight(long incident, String channel, long leadId, String attemptKey, String messageRef,
                    boolean editCard, List<String> lines, List<String> mentions, List<Settlement> settlements,
                    Instant startedAt) {

        public InFlight {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(attemptKey, "attemptKey");
            Objects.requireNonNull(startedAt, "startedAt");
            lines = List.copyOf(lines);
            mentions = List.copyOf(mentions);
            settlements = List.copyOf(settlements);
        }

        /** {@code delivery}, about to be tried at {@code at}, with what it will settle. */
        public static InFlight of(Delivery delivery, List<Settlement> settlements, Instant at) {
            OutboxMessage lead = delivery.message();
            return new InFlight(lead.incident(), lead.channel(), lead.id(), delivery.attemptKey(),
                    delivery.messageRef(), delivery.editCard(), delivery.lines(), delivery.mentions(), settlements, at);
        }

        /** The delivery again, with its lead message as read now, resuming from {@link #startedAt}. */
        public Delivery resume(OutboxMessage lead, String destination) {
            return new Delivery(lead, destination, messageRef, lines, mentions, editCard, attemptKey, startedAt);
        }
    }

    /**
     * Records what one delivery (or a withdrawal, with {@code messageRef} null) did to the
     * messages of one lane, in one transaction; stores {@code messageRef}, when not null, as the
     * incident's message in that channel, and ends the lane's delivery in flight.
     */
    void settle(Instant at, String messageRef, List<Settlement> settlements);

    /** Delivered alone: stores the platform's message id for later edits of the same incident. */
    default void sent(long id, Instant at, int attempts, String messageRef) {
        settle(at, messageRef, List.of(new Settlement(id, attempts, Settlement.Result.SENT, "")));
    }

    /** Not delivered yet: try again at {@code nextAttemptAt}. */
    void retry(long id, Instant at, int attempts, Instant nextAttemptAt, String error);

    /** Will never be delivered: recorded, and no longer pending; ends its lane's delivery in flight. */
    void failed(long id, Instant at, int attempts, String error);

    /**
     * A queued message and its delivery progress.
     *
     * @param cardShown a later revision's card has been shown in its place; only its line waits
     */
    record Pending(OutboxMessage message, int attempts, Instant notBefore, boolean cardShown) {

        public Pending(OutboxMessage message, int attempts, Instant notBefore) {
            this(message, attempts, notBefore, false);
        }

        /** True when a pass may deliver it at {@code now} (its channel's hold aside). */
        public boolean dueAt(Instant now) {
            OutboxMessage.Pacing p = message.pacing();
            return !p.heldAt(now) && (!cardShown || lineDueAt(now));
        }

        /**
         * True when its line may go at {@code now}: a line meant to go at once always may (it can
         * be queued by another thread after the pass's {@code now} was read); a member change's
         * line when its digest slot has ended.
         */
        public boolean lineDueAt(Instant now) {
            Instant replyAt = message.pacing().replyAt();
            return !replyAt.isAfter(now) || !replyAt.isAfter(message.createdAt());
        }
    }

    /**
     * What became of one message of a lane.
     *
     * @param detail for the delivery log
     */
    record Settlement(long id, int attempts, Result result, String detail) {

        public Settlement {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(detail, "detail");
        }

        public enum Result {
            /** Delivered: its card (and line) or, for a message whose card was shown before, its line. */
            SENT,
            /** Not sent: a later revision was delivered in its place, or it was withdrawn. */
            SUPERSEDED,
            /** Its card was shown (by itself or a later revision); its line waits for its digest. */
            SHOWN
        }
    }
}
