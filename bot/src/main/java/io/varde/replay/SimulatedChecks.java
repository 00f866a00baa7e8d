package io.varde.replay;

import io.varde.check.CheckResult;
import io.varde.check.Checker;
import io.varde.check.Condition;
import io.varde.check.ConditionResult;
import io.varde.check.Observation;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.core.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The check results a scenario's targets give, built as the checker builds them. No probe runs:
 * the outcome is the one the scenario says, and what a probe would have seen is made up just
 * enough for the alert text to read as it does in production. Pure.
 * <ul>
 *   <li>{@link Scenario.Behaviour#UP}: every condition holds, answered in {@link #OK_LATENCY};</li>
 *   <li>{@link Scenario.Behaviour#SLOW}: answered in 80% of the target's timeout, every
 *       condition holds but the response-time limits, which are judged on that latency; the
 *       outcome is SLOW (as the checker says for a missed limit, and the latency baseline for a
 *       target without one);</li>
 *   <li>{@link Scenario.Behaviour#DOWN}: no answer within the timeout, judged by
 *       {@link Checker#judge} exactly as a timed-out probe is, with the prober's message.</li>
 * </ul>
 */
final class SimulatedChecks {

    /** A plausible latency for a healthy site. */
    static final Duration OK_LATENCY = Duration.ofMillis(120);

    private SimulatedChecks() {
    }

    /** The result of the check of {@code target} that starts at {@code at}. */
    static CheckResult result(Target target, Scenario.Behaviour behaviour, Instant at) {
        return switch (behaviour) {
            case UP -> answered(target, at, OK_LATENCY, Outcome.OK);
            case SLOW -> answered(target, at, target.timeout().multipliedBy(4).dividedBy(5), Outcome.SLOW);
            case DOWN -> Checker.judge(target, Observation.failed(at, target.timeout(),
                    new ProbeError(ProbeError.Reason.TIMEOUT, timeoutMessage(target))));
        };
    }

    private static CheckResult answered(Target target, Instant at, Duration latency, Outcome outcome) {
        Observation seen = new Observation(at, latency, null, null, null, null, true, null, null);
        List<ConditionResult> conditions = new ArrayList<>();
        for (Condition c : target.conditions()) {
            conditions.add(c.isResponseTimeLimit() ? c.evaluate(seen)
                    : new ConditionResult(c.text(), true, "as expected (simulated)"));
        }
        return new CheckResult(target.id(), at, latency, outcome, null, conditions);
    }

    /** What the target's prober says when it times out. */
    private static String timeoutMessage(Target target) {
        String within = " within " + Durations.format(target.timeout());
        return switch (target.kind()) {
            case HTTP -> "no response" + within;
            case TCP -> "no connection" + within;
            case DNS -> "no answer" + within;
        };
    }
}
