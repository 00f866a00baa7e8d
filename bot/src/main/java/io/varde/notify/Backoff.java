package io.varde.notify;

import io.varde.core.Durations;
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

    /** The longest wait of {@link #standard()} between two attempts. */
    public static final Duration STANDARD_CAP = Duration.ofSeconds(20);

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

    /**
     * 1 s doubling to {@link #STANDARD_CAP}; give up 24 h after a message was queued. The cap is
     * short because every message that waits is an alert someone needs: after a platform outage
     * the next try comes at most 20 s after the platform is back, at the cost of one call per
     * channel every 20 s while it is down (a refused token or channel is parked longer, see
     * {@link Refusals}).
     */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), STANDARD_CAP, Duration.ofHours(24));
    }


    /**
     * The wait after {@code attempts} failed attempts (1 for the first failure): {@code initial},
     * then twice that, and so on, never more than {@code cap}.
     */
    public Duration delay(int attempts) {
        return Durations.doubling(initial, cap, attempts);
    }

    /** The last moment a message queued at {@code createdAt} may be attempted. */
    public Instant deadline(Instant createdAt) {
        return createdAt.plus(giveUpAfter);
    }
}
