package io.varde.config;

import io.varde.check.DetectionSettings;
import java.time.Duration;

/**
 * The per-target settings that {@code defaults:} sets for all targets and a target may override.
 * A null field is not set at this level (or was invalid, which has been reported); lookups fall
 * back level by level: target, then {@code defaults:}, then {@link #BUILT_IN}.
 */
record Tuning(Duration interval, Duration timeout, Integer failureThreshold,
              Integer successThreshold, Double baselineFactor, Duration baselineFloor,
              Integer flapThreshold, Duration flapWindow) {

    /** The values used when neither the target nor {@code defaults:} sets a key. */
    static final Tuning BUILT_IN = new Tuning(Duration.ofSeconds(30), Duration.ofSeconds(10),
            DetectionSettings.DEFAULTS.failureThreshold(),
            DetectionSettings.DEFAULTS.successThreshold(),
            DetectionSettings.DEFAULTS.baselineFactor(),
            DetectionSettings.DEFAULTS.baselineFloor(),
            DetectionSettings.DEFAULTS.flapThreshold(),
            DetectionSettings.DEFAULTS.flapWindow());

    /** Nothing set. */
    static final Tuning NONE = new Tuning(null, null, null, null, null, null, null, null);

    /** This level's values where set, otherwise {@code base}'s. */
    Tuning over(Tuning base) {
        return new Tuning(
                or(interval, base.interval),
                or(timeout, base.timeout),
                or(failureThreshold, base.failureThreshold),
                or(successThreshold, base.successThreshold),
                or(baselineFactor, base.baselineFactor),
                or(baselineFloor, base.baselineFloor),
                or(flapThreshold, base.flapThreshold),
                or(flapWindow, base.flapWindow));
    }

    /** The detection settings; only meaningful on a complete tuning (over {@link #BUILT_IN}). */
    DetectionSettings detection() {
        return new DetectionSettings(failureThreshold, successThreshold, baselineFactor,
                baselineFloor, flapThreshold, flapWindow);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
