package io.varde.notify;

import io.varde.incident.OutboxMessage;
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
 */
public record Delivery(OutboxMessage message, String destination, String messageRef, List<String> lines,
                       List<String> mentions, boolean editCard) {

    public Delivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(destination, "destination");
        lines = List.copyOf(lines);
        mentions = List.copyOf(mentions);
    }

    /** One revision alone: its card, its change line and its mentions. */
    public Delivery(OutboxMessage message, String destination, String messageRef) {
        this(message, destination, messageRef,
                message.change().isBlank() ? List.of() : List.of(message.change()), message.mentions(), true);
    }

    /** The idempotency key, for platforms that take one. */
    public String key() {
        return message.key();
    }

    /** The lines as one text, one per line. */
    public String text() {
        return String.join("\n", lines);
    }
}
