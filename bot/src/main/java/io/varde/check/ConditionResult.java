package io.varde.check;

/**
 * One condition applied to one observation.
 *
 * @param condition the condition as written in config, e.g. {@code [STATUS] == 200}
 * @param passed    whether it held
 * @param observed  the value seen, as text (e.g. {@code 503}); {@code n/a} when the probe did not
 *                  produce it
 */
public record ConditionResult(String condition, boolean passed, String observed) {

    /** {@code [STATUS] == 200 (observed 503)}: the condition and the value seen. */
    public String describe() {
        return condition + " (observed " + observed + ")";
    }
}
