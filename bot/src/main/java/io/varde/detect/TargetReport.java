package io.varde.detect;

import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * What users see about one target: its state now, its last check and its uptime.
 *
 * @param target    the configured target
 * @param state     its current state (UNKNOWN before its first checks)
 * @param since     when it entered {@code state}, or null
 * @param flapping  whether it is flapping
 * @param lastCheck when it was last checked, or null
 * @param latency   the last check's response time, or null
 * @param problem   the last check's first problem, empty when it passed
 * @param uptime24h share of passing checks over the last 24 hours, 0..1, NaN without checks
 */
public record TargetReport(Target target, TargetState state, Instant since, boolean flapping,
                           Instant lastCheck, Duration latency, String problem, double uptime24h) {
}
