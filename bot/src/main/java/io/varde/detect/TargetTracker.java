package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.DetectionSettings;
import io.varde.check.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-target state machine. Pure: {@link #observe} maps a status and a check result to the
 * next status.
 *
 * <p>Rules, with {@code F} the failure threshold and {@code S} the success threshold:
 * <ul>
 *   <li>a check is OK, SLOW (only response-time limits missed, or slower than
 *       {@code baseline-factor} times the target's median and at least {@code baseline-floor}),
 *       or FAIL;</li>
 *   <li>UNKNOWN becomes UP on its first OK check (silently: nothing was wrong);</li>
 *   <li>a MITIGATED check (a challenge or block page) counts as a FAIL in streaks; a target
 *       that would be DOWN is MITIGATED while its latest check is one;</li>
 *   <li>F consecutive FAILs make any state DOWN; F consecutive SLOW-or-FAIL checks make UNKNOWN
 *       or UP DEGRADED;</li>
 *   <li>S consecutive OKs make DEGRADED or DOWN UP; S consecutive OK-or-SLOW make DOWN
 *       DEGRADED;</li>
 *   <li>a target with {@code flapThreshold} or more state changes within {@code flapWindow} is
 *       flapping; it stops flapping when the window holds fewer than half that many.</li>
 * </ul>
 */
public final class TargetTracker {

    private TargetTracker() {
    }

    /** The outcome of one observation. */
    public record Step(TargetStatus status, CheckResult result, TargetState previous,
                       FlapChange flap) {

        public boolean stateChanged() {
            return previous != status.state();
        }
    }

    /** Whether flapping started or stopped with this step. */
    public enum FlapChange { NONE, STARTED, STOPPED }

    public static Step observe(TargetStatus s, DetectionSettings d, CheckResult raw, Instant now) {
        CheckResult result = rejudge(s, d, raw);
        Outcome o = result.outcome();
        int ok = o == Outcome.OK ? s.okStreak() + 1 : 0;
        int notFail = !o.failed() ? s.notFailStreak() + 1 : 0;
        int fail = o.failed() ? s.failStreak() + 1 : 0;
        int bad = o != Outcome.OK ? s.badStreak() + 1 : 0;
        LatencyBaseline baseline = o == Outcome.OK
                ? s.baseline().with(result.responseTime().toMillis()) : s.baseline();

        TargetState next = nextState(s.state(), d, ok, notFail, fail, bad);
        if (next == TargetState.DOWN && o == Outcome.MITIGATED) {
            next = TargetState.MITIGATED; // failing, and the latest answer is a challenge page
        }
        boolean changed = next != s.state();
        List<Instant> changes = recentChanges(s.changes(), d, now, changed && s.state() != TargetState.UNKNOWN);
        boolean flapping = flapping(s.flapping(), d, changes.size());
        FlapChange flap = flapping == s.flapping() ? FlapChange.NONE
                : flapping ? FlapChange.STARTED : FlapChange.STOPPED;
        TargetStatus status = new TargetStatus(next, changed || s.since() == null ? now : s.since(),
                ok, notFail, fail, bad, baseline, changes, flapping, result);
        return new Step(status, result, s.state(), flap);
    }

    /**
     * The next status of a target whose state is decided elsewhere (by {@link Verdict}, over
     * several locations): {@code next}, since now when it changed, flapping as said (the
     * locations detect flapping each on their own checks: the combined state changes more often,
     * since the locations cross their thresholds one after another). Streaks are those of no
     * single location, so they are zero.
     */
    public static Step settle(TargetStatus s, TargetState next, boolean flapping, CheckResult result,
                              Instant now) {
        boolean changed = next != s.state();
        List<Instant> changes = List.of();
        FlapChange flap = flapping == s.flapping() ? FlapChange.NONE
                : flapping ? FlapChange.STARTED : FlapChange.STOPPED;
        TargetStatus status = new TargetStatus(next, changed || s.since() == null ? now : s.since(),
                0, 0, 0, 0, s.baseline(), changes, flapping, result == null ? s.last() : result);
        return new Step(status, status.last(), s.state(), flap);
    }

    /** Marks an OK result SLOW when it is far above the target's own baseline. */
    private static CheckResult rejudge(TargetStatus s, DetectionSettings d, CheckResult r) {
        if (r.outcome() == Outcome.OK && s.baseline().isSlow(r.responseTime().toMillis(),
                d.baselineFactor(), d.baselineFloor().toMillis())) {
            return r.withOutcome(Outcome.SLOW);
        }
        return r;
    }

    static TargetState nextState(TargetState state, DetectionSettings d,
                                 int ok, int notFail, int fail, int bad) {
        int f = d.failureThreshold();
        int s = d.successThreshold();
        return switch (state) {
            case UNKNOWN, UP -> {
                if (fail >= f) {
                    yield TargetState.DOWN;
                } else if (bad >= f) {
                    yield TargetState.DEGRADED;
                } else if (ok > 0) {
                    yield TargetState.UP;
                }
                yield state;
            }
            case DEGRADED, PARTIAL -> fail >= f ? TargetState.DOWN : ok >= s ? TargetState.UP : state;
            case DOWN, MITIGATED -> ok >= s ? TargetState.UP : notFail >= s ? TargetState.DEGRADED
                    : fail >= f ? TargetState.DOWN : state;
        };
    }

    private static List<Instant> recentChanges(List<Instant> changes, DetectionSettings d,
                                               Instant now, boolean add) {
        if (d.flapThreshold() <= 0) {
            return List.of();
        }
        Instant cutoff = now.minus(d.flapWindow());
        List<Instant> kept = new ArrayList<>(changes.size() + 1);
        for (Instant t : changes) {
            if (t.isAfter(cutoff)) {
                kept.add(t);
            }
        }
        if (add) {
            kept.add(now);
        }
        return kept;
    }

    private static boolean flapping(boolean was, DetectionSettings d, int recentChanges) {
        if (d.flapThreshold() <= 0) {
            return false;
        }
        if (!was) {
            return recentChanges >= d.flapThreshold();
        }
        return recentChanges >= (d.flapThreshold() + 1) / 2;
    }
}
