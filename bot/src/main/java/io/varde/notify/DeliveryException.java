package io.varde.notify;

import java.time.Duration;

/** A failed delivery, classified at the edge: worth retrying or not. */
public final class DeliveryException extends Exception {

    private final boolean permanent;
    private final Duration retryAfter;

    private DeliveryException(String message, boolean permanent, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    /** Worth retrying (5xx, 429, timeouts, connection errors); {@code retryAfter} may be null. */
    public static DeliveryException transientFailure(String message, Duration retryAfter, Throwable cause) {
        return new DeliveryException(message, false, retryAfter, cause);
    }

    /** Will fail again (4xx other than 429, unknown channel, revoked token). */
    public static DeliveryException permanentFailure(String message, Throwable cause) {
        return new DeliveryException(message, true, null, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    /** What the platform asked us to wait (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
