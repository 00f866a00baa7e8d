package io.varde.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When to try a transiently failed delivery again, and when to stop trying: exponential backoff
 * from {@code initial}, doubling per attempt up to {@code cap}, and no attempt later than
 * {@code giveUpAfter} from the message's creation, so nothing retries forever.
 *
 * @param initial     the wait after the first failed attempt
 * @param cap         the longest wait between two attempts
 * @param giveUpAfter how long after it was queued a message may still be attempted
 */
public record Backoff(Duration initial, Duration cap, Duration giveUpAfter) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0
                || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < initial <= cap and giveUpAfter >= 0");
        }
    }

    /** 1 s doubling to 5 min; give up 24 h after a message was queued. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));
    }

    /**
     * The wait after {@code attempts} failed attempts (1 for the first failure): {@code initial},
     * then twice that, and so on, never more than {@code cap}.
     */
    public Duration delay(int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** The last moment a message queued at {@code createdAt} may be attempted. */
    public Instant deadline(Instant createdAt) {
        return createdAt.plus(giveUpAfter);
    }
}
