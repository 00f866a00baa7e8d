package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers "how is everything now?" from the monitor's live states and the stored history. */
public final class StatusBoard {

    private final List<Target> targets;
    private final Monitor monitor;
    private final CheckHistory history;

    public StatusBoard(List<Target> targets, Monitor monitor, CheckHistory history) {
        this.targets = List.copyOf(targets);
        this.monitor = monitor;
        this.history = history;
    }

    /** Every target, in configuration order. */
    public List<TargetReport> reports(Instant now) {
        Map<String, CheckHistory.Uptime> uptime = history.uptime(now.minus(Duration.ofHours(24)));
        List<TargetReport> out = new ArrayList<>(targets.size());
        for (Target t : targets) {
            TargetStatus s = monitor.status(t.id()).orElse(TargetStatus.unknown());
            CheckResult last = s.last();
            CheckHistory.Uptime u = uptime.get(t.id());
            out.add(new TargetReport(t, s.state(), s.since(), s.flapping(),
                    last == null ? null : last.at(), last == null ? null : last.responseTime(),
                    last == null || last.outcome() == Outcome.OK ? "" : last.problem(),
                    u == null ? Double.NaN : u.ratio()));
        }
        return out;
    }
}
