package io.varde.store.jdbc;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt of an outbox message, as the delivery log keeps it.
 *
 * @param outboxId the message's outbox id
 * @param at       when the attempt ended
 * @param attempt  its number (1 for the first attempt)
 * @param outcome  how it went
 * @param detail   the message id for SENT; the error (and for RETRY when the next try is due)
 *                 otherwise
 */
public record DeliveryLogEntry(long outboxId, Instant at, int attempt, Outcome outcome, String detail) {

    public DeliveryLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /** How an attempt went. Stored in lower case. */
    public enum Outcome {
        /** Delivered. */
        SENT,
        /** Failed transiently; will be tried again. */
        RETRY,
        /** Failed for good. */
        FAILED,
        /** Not sent: a later revision was delivered in its place, or it was withdrawn. */
        SUPERSEDED,
        /** Its card was shown; its line waits for the thread digest. */
        SHOWN
    }
}
