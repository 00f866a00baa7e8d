package io.varde.check;

import java.time.Duration;

/**
 * How a target's check results become states.
 *
 * @param failureThreshold consecutive failed checks before DOWN (or slow ones before DEGRADED)
 * @param successThreshold consecutive good checks before a DOWN or DEGRADED target is UP again
 * @param baselineFactor   a check slower than this many times the target's own median latency
 *                         counts as slow; 0 turns the baseline off
 * @param baselineFloor    ... but only when it is also slower than this, so that a 2 ms site
 *                         taking 9 ms is not called degraded
 * @param flapThreshold    this many state changes within {@code flapWindow} mean flapping;
 *                         0 turns flap detection off
 * @param flapWindow       the window over which state changes are counted
 */
public record DetectionSettings(int failureThreshold, int successThreshold, double baselineFactor,
                                Duration baselineFloor, int flapThreshold, Duration flapWindow) {

    public static final DetectionSettings DEFAULTS =
            new DetectionSettings(3, 2, 4.0, Duration.ofMillis(500), 4, Duration.ofMinutes(15));
}
