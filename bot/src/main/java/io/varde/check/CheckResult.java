package io.varde.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param ip           the IP address the probe talked to (or DNS answered with), or null
 * @param mitigation   what recognised mitigation was seen ({@link Mitigation#recognise}), e.g.
 *                     {@code cf-mitigated: challenge}; null unless the outcome is MITIGATED
 */
public record CheckResult(String targetId, Instant at, Duration responseTime, Outcome outcome,
                          ProbeError error, List<ConditionResult> conditions, String ip,
                          String mitigation) {

    public CheckResult {
        conditions = List.copyOf(conditions);
    }

    /** A result that saw no mitigation. */
    public CheckResult(String targetId, Instant at, Duration responseTime, Outcome outcome,
                       ProbeError error, List<ConditionResult> conditions, String ip) {
        this(targetId, at, responseTime, outcome, error, conditions, ip, null);
    }

    /** A result without a known IP address that saw no mitigation. */
    public CheckResult(String targetId, Instant at, Duration responseTime, Outcome outcome,
                       ProbeError error, List<ConditionResult> conditions) {
        this(targetId, at, responseTime, outcome, error, conditions, null, null);
    }

    /** The conditions that did not hold. */
    public List<ConditionResult> failed() {
        return conditions.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * What went wrong, one item each: the mitigation seen ({@code mitigated: <signature>}) if
     * any, the probe error if any, then each failed condition with
     * the value observed (conditions that saw nothing because of the error are left out: the
     * error says it all). Empty when nothing failed.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (mitigation != null) {
            out.add("mitigated: " + mitigation);
        }
        if (error != null) {
            out.add(error.toString());
        }
        for (ConditionResult c : failed()) {
            if (error == null || !"n/a".equals(c.observed())) {
                out.add(c.describe());
            }
        }
        return out;
    }

    /** {@link #problems()} in one line, separated by {@code ; }. */
    public String problem() {
        return String.join("; ", problems());
    }

    /**
     * The same result with another outcome (the detector marks slow-against-baseline checks);
     * the mitigation seen is kept.
     */
    public CheckResult withOutcome(Outcome newOutcome) {
        return new CheckResult(targetId, at, responseTime, newOutcome, error, conditions, ip,
                mitigation);
    }
}
