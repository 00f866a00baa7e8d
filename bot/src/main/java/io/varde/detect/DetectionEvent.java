package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Something detection decided users should hear about. Immutable values. */
public sealed interface DetectionEvent {

    Instant at();

    /**
     * A target's announced state changed: {@code from} is what users last heard, {@code to} the
     * state now. {@code to == UP} is a recovery. {@code lasted} is how long {@code from} held
     * (null when {@code from} is UNKNOWN).
     */
    record StateChanged(Instant at, Target target, TargetState from, TargetState to,
                        Duration lasted, CheckResult cause) implements DetectionEvent {
    }

    /** A target started flapping; its state changes are not announced until it settles. */
    record FlappingStarted(Instant at, Target target, TargetState current, int changes,
                           Duration window) implements DetectionEvent {
    }

    /** A flapping target settled in {@code current}. */
    record FlappingStopped(Instant at, Target target, TargetState current) implements DetectionEvent {
    }

    /** Every canary is DOWN: the bot's own network is likely broken; target alerts are held. */
    record ConnectivityLost(Instant at, List<CanaryFailure> canaries) implements DetectionEvent {

        public ConnectivityLost {
            canaries = List.copyOf(canaries);
        }
    }

    /** A canary is back; {@code recheck} targets changed state meanwhile and are checked afresh. */
    record ConnectivityRestored(Instant at, Duration lostFor, int recheck) implements DetectionEvent {
    }

    /** A canary and the reason its last check failed. */
    record CanaryFailure(String targetId, String reason) {
    }
}
