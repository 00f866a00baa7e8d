package io.varde.detect;

import io.varde.check.CheckResult;
import java.time.Instant;
import java.util.List;

/**
 * Everything detection knows about one target at one moment. Immutable; {@link TargetTracker}
 * returns a new value for each check result.
 *
 * @param state          the current state
 * @param since          when the target entered it (null while never checked)
 * @param okStreak       consecutive OK checks
 * @param notFailStreak  consecutive OK or SLOW checks
 * @param failStreak     consecutive FAILed checks
 * @param badStreak      consecutive SLOW or FAILed checks
 * @param baseline       recent good latencies
 * @param changes        times of recent state changes, oldest first, for flap detection
 * @param flapping       whether the target is flapping now
 * @param last           the latest check result (null while never checked)
 */
public record TargetStatus(TargetState state, Instant since, int okStreak, int notFailStreak,
                           int failStreak, int badStreak, LatencyBaseline baseline,
                           List<Instant> changes, boolean flapping, CheckResult last) {

    public TargetStatus {
        changes = List.copyOf(changes);
    }

    /** A target never checked. */
    public static TargetStatus unknown() {
        return new TargetStatus(TargetState.UNKNOWN, null, 0, 0, 0, 0, LatencyBaseline.empty(),
                List.of(), false, null);
    }

    /**
     * This status put back to {@code state} with streaks and flap history cleared, keeping the
     * baseline and the last result: used after connectivity returns, so that the target is
     * judged again on fresh checks only.
     */
    public TargetStatus resetTo(TargetState newState, Instant now) {
        return new TargetStatus(newState, now, 0, 0, 0, 0, baseline, List.of(), false, last);
    }
}
