package io.varde.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the time-driven decisions (deferred alerts now due). Never throws. */
@DisallowConcurrentExecution
final class SweepJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private final Runnable sweep;

    SweepJob(Runnable sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            LOG.error("event=sweep_failed error={}", e.toString(), e);
        }
    }
}
