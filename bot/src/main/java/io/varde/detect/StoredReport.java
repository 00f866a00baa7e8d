package io.varde.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@link TargetReport} as published to the {@link ReportStore}: the target by id, without the
 * uptime (the check history has it), with the node that published it and when.
 *
 * @param targetId         the target's id
 * @param state            its state when published
 * @param since            when it entered {@code state}, or null
 * @param flapping         whether it was flapping
 * @param lastCheckAt      its last check, or null before the first
 * @param lastResponseTime the last check's response time (milliseconds kept), or null
 * @param problem          the last check's first problem, empty when it passed, or null
 * @param node             the node that published it
 * @param updatedAt        when that node published it
 */
public record StoredReport(String targetId, TargetState state, Instant since, boolean flapping,
                           Instant lastCheckAt, Duration lastResponseTime, String problem, String node,
                           Instant updatedAt) {
}
