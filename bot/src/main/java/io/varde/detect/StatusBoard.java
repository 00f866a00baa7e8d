package io.varde.detect;

import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers "how is everything now?": each target's state and last check, with its uptime from the
 * stored history. the board reads the states of the monitor that checks the targets; in a
 * cluster, a node that does not check a target reads the state its checker last published
 * ({@link #shared}, over the {@link ReportStore}).
 */
public final class StatusBoard {

    private final List<Target> targets;
    private final Function<Instant, Function<String, TargetReport>> now;
    private final CheckHistory history;

    private StatusBoard(List<Target> targets, Function<Instant, Function<String, TargetReport>> now,
                        CheckHistory history) {
        this.targets = List.copyOf(targets);
        this.now = now;
        this.history = history;
    }

    /** From the live states of {@code monitor}. */
    public StatusBoard(List<Target> targets, Monitor monitor, CheckHistory history) {
        this(targets, at -> id -> report(monitor.status(id).orElse(TargetStatus.unknown())), history);
    }

    /** From what the nodes that check the targets published last. */
    public static StatusBoard shared(List<Target> targets, ReportStore store, CheckHistory history) {
        return new StatusBoard(targets, at -> {
            Map<String, StoredReport> stored = store.all();
            return id -> {
                StoredReport r = stored.get(id);
                return r == null ? report(TargetStatus.unknown())
                        : new TargetReport(null, r.state(), r.since(), r.flapping(), r.lastCheckAt(),
                                r.lastResponseTime(), r.problem() == null ? "" : r.problem(), Double.NaN);
            };
        }, history);
    }

    /** Every target, in configuration order, with its uptime over the last 24 hours. */
    public List<TargetReport> reports(Instant now) {
        return reports(now, history.uptime(now.minus(Duration.ofHours(24))));
    }

    /** Every target, in configuration order, without reading the history (uptime NaN): for publishing. */
    public List<TargetReport> states(Instant now) {
        return reports(now, Map.of());
    }

    private List<TargetReport> reports(Instant at, Map<String, CheckHistory.Uptime> uptime) {
        Function<String, TargetReport> of = now.apply(at);
        List<TargetReport> out = new ArrayList<>(targets.size());
        for (Target t : targets) {
            TargetReport r = of.apply(t.id());
            CheckHistory.Uptime u = uptime.get(t.id());
            out.add(new TargetReport(t, r.state(), r.since(), r.flapping(), r.lastCheck(), r.latency(), r.problem(),
                    u == null ? Double.NaN : u.ratio()));
        }
        return out;
    }

    private static TargetReport report(TargetStatus s) {
        CheckResult last = s.last();
        return new TargetReport(null, s.state(), s.since(), s.flapping(),
                last == null ? null : last.at(), last == null ? null : last.responseTime(),
                last == null || last.outcome() == Outcome.OK ? "" : last.problem(), Double.NaN);
    }
}
