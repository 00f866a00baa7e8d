package io.varde.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The judged outcome of one check of one target.
 *
 * @param targetId     the target checked
 * @param at           when the check started
 * @param responseTime how long the probe took
 * @param outcome      the verdict
 * @param error        why the probe did not complete, or null
 * @param conditions   every condition with its observed value, in config order
 */
public record CheckResult(String targetId, Instant at, Duration responseTime, Outcome outcome,
                          ProbeError error, List<ConditionResult> conditions) {

    public CheckResult {
        conditions = List.copyOf(conditions);
    }

    /** The conditions that did not hold. */
    public List<ConditionResult> failed() {
        return conditions.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * What went wrong, in one line: the probe error if any, then each failed condition with the
     * value observed; empty when nothing failed.
     */
    public String problem() {
        StringBuilder sb = new StringBuilder();
        if (error != null) {
            sb.append(error);
        }
        for (ConditionResult c : failed()) {
            if (error != null && "n/a".equals(c.observed())) {
                continue; // nothing was observed because of the error; the error says it all
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(c.describe());
        }
        return sb.toString();
    }

    /** The same result with another outcome (the detector marks slow-against-baseline checks). */
    public CheckResult withOutcome(Outcome newOutcome) {
        return new CheckResult(targetId, at, responseTime, newOutcome, error, conditions);
    }
}
