package io.varde.notify;

import io.varde.incident.OutboxMessage;
import java.util.Objects;

/**
 * One attempt to deliver an outbox message.
 *
 * @param message     what to deliver
 * @param destination the channel without its prefix: {@code C0123} for {@code slack:C0123},
 *                    empty for {@code console}
 * @param messageRef  the platform message id this incident already has in this channel, to edit;
 *                    null to post a new message
 */
public record Delivery(OutboxMessage message, String destination, String messageRef) {

    public Delivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(destination, "destination");
    }

    /** The idempotency key, for platforms that take one. */
    public String key() {
        return message.key();
    }
}
