package io.varde.check;

import java.util.List;

/** Applies a target's conditions to an observation and gives the verdict. Pure. */
public final class Checker {

    private Checker() {
    }

    /**
     * Judges {@code observation} of {@code target}.
     * <ul>
     *   <li>An answer that is a recognised mitigation (a CDN or WAF challenge or block page,
     *       {@link Mitigation#recognise}) is MITIGATED, whatever the conditions say: the site is
     *       defended and answering. The conditions are still evaluated and reported.</li>
     *   <li>A probe error is a FAIL, unless the target tests {@code [CONNECTED]} and every
     *       condition holds (a check that a port is closed).</li>
     *   <li>Otherwise a failed condition other than a response-time limit is a FAIL.</li>
     *   <li>Otherwise a missed response-time limit alone is SLOW.</li>
     * </ul>
     */
    public static CheckResult judge(Target target, Observation observation) {
        List<ConditionResult> results = Condition.evaluateAll(target.conditions(), observation);
        boolean hardFailure = false;
        boolean slow = false;
        boolean testsConnected = false;
        for (int i = 0; i < results.size(); i++) {
            Condition c = target.conditions().get(i);
            ConditionResult r = results.get(i);
            testsConnected |= c.usesConnected();
            if (!r.passed()) {
                if (c.isResponseTimeLimit()) {
                    slow = true;
                } else {
                    hardFailure = true;
                }
            }
        }
        String mitigation = observation.error() == null
                ? target.mitigation().recognise(observation).orElse(null) : null;
        Outcome outcome;
        if (mitigation != null) {
            outcome = Outcome.MITIGATED;
        } else if (observation.error() != null && !(testsConnected && !hardFailure && !slow)) {
            outcome = Outcome.FAIL;
        } else if (hardFailure) {
            outcome = Outcome.FAIL;
        } else if (slow) {
            outcome = Outcome.SLOW;
        } else {
            outcome = Outcome.OK;
        }
        return new CheckResult(target.id(), observation.startedAt(), observation.responseTime(),
                outcome, observation.error(), results, observation.ip(), mitigation);
    }
}
