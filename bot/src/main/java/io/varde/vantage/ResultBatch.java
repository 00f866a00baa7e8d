package io.varde.vantage;

import io.varde.check.CheckResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an agent sends in one request: check results of its location, oldest first.
 *
 * @param location the agent's location
 * @param sentAt   when the agent sent it (its clock), to the millisecond
 * @param dropped  results the agent dropped since its last accepted batch (its buffer was full)
 * @param results  the results, each {@code at} and {@code responseTime} to the millisecond
 */
public record ResultBatch(String location, Instant sentAt, int dropped, List<CheckResult> results) {

    public ResultBatch {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sentAt, "sentAt");
        results = List.copyOf(results);
        if (dropped < 0) {
            throw new IllegalArgumentException("dropped must not be negative: " + dropped);
        }
    }
}
