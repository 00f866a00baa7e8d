package io.varde.check;

/** The verdict on one check. */
public enum Outcome {
    /** Every condition held. */
    OK,
    /** The site answered correctly but too slowly: only response-time limits were missed. */
    SLOW,
    /** The probe failed or a condition other than a response-time limit did not hold. */
    FAIL
}
