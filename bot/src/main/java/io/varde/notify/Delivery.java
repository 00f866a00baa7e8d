package io.varde.notify;

import io.varde.incident.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One attempt to deliver an incident's news to one channel: its newest card and the lines due.
 *
 * @param message     the newest revision queued: its card is what the living message shows
 * @param destination the channel without its prefix: {@code C0123} for {@code slack:C0123},
 *                    empty for {@code console}
 * @param messageRef  the platform message id this incident already has in this channel, to edit;
 *                    null to post a new message
 * @param lines       what changed, as the thread reply (or the footer, or the printed line) says
 *                    it: the lines of the revisions it covers whose time has come, member
 *                    changes told as one digest ({@code 12 more sites DOWN: a, b, ...}); may be
 *                    empty (an edit only)
 * @param mentions    people or groups to notify with it, from every revision it covers
 * @param editCard    false when the card shown is current and only {@code lines} are news
 * @param attemptKey  names this delivery on the platform (Slack message metadata, a Discord
 *                    nonce), so that a repeat can find what the first try did; unique per
 *                    delivery (the worker makes it), {@link OutboxMessage#key()} until then
 * @param resumeFrom  null for a first try; else when an earlier try of this very delivery began,
 *                    whose outcome is unknown (the process died, the answer was lost): the
 *                    notifier looks for each step on the platform (posted after about then) before
 *                    doing it, so nothing is posted twice
 */
public record Delivery(OutboxMessage message, String destination, String messageRef, List<String> lines,
                       List<String> mentions, boolean editCard, String attemptKey, Instant resumeFrom) {

    public Delivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(attemptKey, "attemptKey");
        lines = List.copyOf(lines);
        mentions = List.copyOf(mentions);
    }

    /** A first try, named by its message's key. */
    public Delivery(OutboxMessage message, String destination, String messageRef, List<String> lines,
                    List<String> mentions, boolean editCard) {
        this(message, destination, messageRef, lines, mentions, editCard, message.key(), null);
    }

    /** This delivery named {@code attemptKey}, resuming a try begun at {@code resumeFrom} (or null). */
    public Delivery attempt(String attemptKey, Instant resumeFrom) {
        return new Delivery(message, destination, messageRef, lines, mentions, editCard, attemptKey, resumeFrom);
    }

    /** True when an earlier try of this delivery may have done some of it. */
    public boolean resuming() {
        return resumeFrom != null;
    }

    /** One revision alone: its card, its change line and its mentions. */
    public Delivery(OutboxMessage message, String destination, String messageRef) {
        this(message, destination, messageRef,
                message.change().isBlank() ? List.of() : List.of(message.change()), message.mentions(), true);
    }

    /** The idempotency key of the message, for webhooks (the receiver deduplicates on it). */
    public String key() {
        return message.key();
    }

    /** The lines as one text, one per line. */
    public String text() {
        return String.join("\n", lines);
    }
}
