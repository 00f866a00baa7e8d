package io.varde.vantage;

import io.varde.core.Durations;
import java.time.Duration;

/** The agent's retry delays: 1 s, doubling with each failure in a row, to 30 s at most. Not thread-safe. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MOST = Duration.ofSeconds(30);

    private int failures;

    /** One more failure in a row: how long to wait before the next attempt. */
    Duration failed() {
        failures++;
        return Durations.doubling(FIRST, MOST, failures);
    }

    /** The failures in a row so far; 0 after {@link #succeeded}. */
    int failures() {
        return failures;
    }

    void succeeded() {
        failures = 0;
    }
}
