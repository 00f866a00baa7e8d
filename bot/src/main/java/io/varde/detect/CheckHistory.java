package io.varde.detect;

import io.varde.check.CheckResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The port to stored check results: raw results for a recent window and hourly roll-ups for
 * uptime and latency over days. Implementations bound what they keep.
 */
public interface CheckHistory {

    /** Stores results (from many targets, in any order). */
    void record(List<CheckResult> results);

    /** A target's raw results since {@code since}, oldest first. */
    List<Sample> samples(String targetId, Instant since);

    /** Per target: checks and passing checks since {@code since}, from hourly roll-ups and raw. */
    Map<String, Uptime> uptime(Instant since);

    /** Deletes raw results before {@code rawBefore} and roll-ups before {@code hourlyBefore}. */
    void prune(Instant rawBefore, Instant hourlyBefore);

    /** One stored check: when, how it went, how long it took. */
    record Sample(Instant at, io.varde.check.Outcome outcome, long responseMillis) {
    }

    /** Checks counted and how many were not FAIL. */
    record Uptime(long checks, long up) {

        /** Fraction of checks that passed, 0..1, or NaN with no checks. */
        public double ratio() {
            return checks == 0 ? Double.NaN : (double) up / checks;
        }
    }
}
