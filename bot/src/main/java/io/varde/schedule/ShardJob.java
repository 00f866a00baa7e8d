package io.varde.schedule;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.Target;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches the due checks of one shard. Never throws: a failure is logged and the next run goes on. */
@DisallowConcurrentExecution
final class ShardJob implements Job {

    static final String SHARD = "shard";
    private static final Logger LOG = LoggerFactory.getLogger(ShardJob.class);

    private final CheckPlanner planner;
    private final CheckDispatcher dispatcher;
    private final Clock clock;

    ShardJob(CheckPlanner planner, CheckDispatcher dispatcher, Clock clock) {
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        int shard = context.getMergedJobDataMap().getInt(SHARD);
        try {
            for (Target t : planner.takeDue(shard, clock.instant())) {
                try {
                    dispatcher.submit(t);
                } catch (RuntimeException e) {
                    planner.done(t.id()); // or the target would wait for a check that never runs
                    LOG.error("event=dispatch_failed shard={} target={} error=\"{}\"", shard,
                            t.id(), e.toString(), e);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("event=shard_failed shard={} error=\"{}\"", shard, e.toString(), e);
        }
    }
}
