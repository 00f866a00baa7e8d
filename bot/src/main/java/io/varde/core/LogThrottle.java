package io.varde.core;

import java.time.Duration;

/**
 * Keeps a log line that a flood could repeat (a refused request, a refused connection) to at most
 * one per period, counting the ones left out; time is an input. Thread-safe.
 */
public final class LogThrottle {

    private final long periodMillis;
    private long slot = Long.MIN_VALUE;
    private long suppressed;

    /** @param period at most one line per this much time (slots aligned on multiples of it) */
    public LogThrottle(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a log throttle needs a positive period");
        }
        this.periodMillis = period.toMillis();
    }

    /**
     * One more line at {@code nowMillis} (any clock that does not go back): how many lines were
     * left out since the last one that passed, or -1 when this one must be left out too.
     */
    public synchronized long pass(long nowMillis) {
        long s = Math.floorDiv(nowMillis, periodMillis);
        if (s == slot) {
            suppressed++;
            return -1;
        }
        slot = s;
        long out = suppressed;
        suppressed = 0;
        return out;
    }
}
