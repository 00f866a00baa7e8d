package io.varde.app;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.check.probe.Probers;
import io.varde.config.SchedulerSettings;
import io.varde.config.VardeConfig;
import io.varde.detect.Monitor;
import io.varde.schedule.CheckScheduler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds Varde from a validated config: probers, detection, notifiers,
 * planner, dispatcher and scheduler, by constructor injection. Later issues add the store, the
 * chat adapters and the web server here and nowhere else.
 */
final class Wiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private final Probers probers;
    private final CheckScheduler scheduler;

    private Wiring(Probers probers, CheckScheduler scheduler) {
        this.probers = probers;
        this.scheduler = scheduler;
    }

    static Wiring start(VardeConfig config, Path dataDir, PrintStream out, Clock clock)
            throws Exception {
        List<Target> targets = config.targets();
        SchedulerSettings s = config.scheduler();
        Monitor monitor = new Monitor(targets);
        Probers probers = new Probers();
        CheckPlanner planner = new CheckPlanner(targets, s.shards(), clock.instant(),
                new SplittableRandom());
        CheckDispatcher dispatcher = new CheckDispatcher(probers, s.maxConcurrent(), s.maxPerHost(),
                clock,
                result -> {
                    logResult(result);
                    monitor.onResult(result, clock.instant());
                },
                target -> planner.done(target.id()),
                e -> LOG.error("event=check_failed error=\"{}\"", e.toString(), e));
        CheckScheduler scheduler = new CheckScheduler("varde", planner, dispatcher,
                () -> monitor.tick(clock.instant()), clock);
        scheduler.start();
        LOG.info("event=started rules={} data={} targets={} canaries={} shards={} "
                        + "max_concurrent={} max_per_host={}",
                config.rulesDir(), dataDir, targets.size(),
                targets.stream().filter(Target::canary).count(),
                s.shards(), s.maxConcurrent(), s.maxPerHost());
        return new Wiring(probers, scheduler);
    }

    private static void logResult(CheckResult r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=check target={} outcome={} response_ms={} problem=\"{}\"",
                    r.targetId(), r.outcome(), r.responseTime().toMillis(), r.problem());
        }
    }

    @Override
    public void close() {
        try {
            scheduler.close();
        } catch (Exception e) {
            LOG.warn("event=scheduler_close_failed error=\"{}\"", e.toString());
        }
        probers.close();
        LOG.info("event=stopped");
    }
}
