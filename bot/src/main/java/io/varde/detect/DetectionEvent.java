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
     * (null when {@code from} is UNKNOWN). {@code judgement} says which locations saw what, for a
     * target checked from several (null for one checked from the nodes alone).
     */
    record StateChanged(Instant at, Target target, TargetState from, TargetState to,
                        Duration lasted, CheckResult cause, Verdict.Judgement judgement) implements DetectionEvent {

        /** A change of a target checked from the nodes alone. */
        public StateChanged(Instant at, Target target, TargetState from, TargetState to,
                            Duration lasted, CheckResult cause) {
            this(at, target, from, to, lasted, cause, null);
        }

        /**
         * What is wrong, for the alert: the judgement's reason and which locations saw what, then
         * the cause's problem, e.g. {@code geo-blocked: DOWN from fra; UP from ams, home}.
         */
        public String problem() {
            if (judgement == null) {
                return cause == null ? "" : cause.problem();
            }
            String cause = this.cause == null || !this.cause.outcome().failed() ? "" : this.cause.problem();
            String where = (judgement.reason() == Verdict.Reason.NONE ? "" : judgement.reason().words() + ": ")
                    + judgement.where();
            return to == TargetState.UP || cause.isEmpty() ? where : where + " (" + cause + ")";
        }
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

    /**
     * A location stopped reporting (an agent sent nothing for three of its intervals), came back,
     * or started or stopped failing most of its targets while the other locations do not (a
     * problem of its own). Its targets are judged on the other locations meanwhile.
     */
    record LocationChanged(Instant at, String location, LocationChange change, String detail)
            implements DetectionEvent {
    }

    /** What happened to a location. */
    enum LocationChange {
        LOST, BACK, PROBLEM, PROBLEM_OVER;

        /** True when the location's trouble starts (LOST, PROBLEM). */
        public boolean starts() {
            return this == LOST || this == PROBLEM;
        }
    }

    /** A canary and the reason its last check failed. */
    record CanaryFailure(String targetId, String reason) {
    }
}
