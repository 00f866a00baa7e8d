package io.varde.check;

/** The verdict on one check. */
public enum Outcome {
    /** Every condition held. */
    OK,
    /** The site answered correctly but too slowly: only response-time limits were missed. */
    SLOW,
    /** The probe failed or a condition other than a response-time limit did not hold. */
    FAIL,
    /**
     * The answer was a recognised mitigation (a CDN or WAF challenge or block page, see
     * {@link Mitigation}): the site is defended and answering. Counts as a failure in streaks.
     */
    MITIGATED;

    /** True for FAIL and MITIGATED: the site was not reached as configured. */
    public boolean failed() {
        return this == FAIL || this == MITIGATED;
    }
}
