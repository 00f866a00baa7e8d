package io.varde.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the intel poller the time, so that it starts the sources now due. The poller reads them
 * on its own thread and returns at once, so this job never waits on a site. Never throws.
 */
@DisallowConcurrentExecution
final class IntelPollJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(IntelPollJob.class);

    private final Consumer<Instant> poll;
    private final Clock clock;

    IntelPollJob(Consumer<Instant> poll, Clock clock) {
        this.poll = poll;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            poll.accept(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("event=intel_poll_failed error=\"{}\"", e.toString(), e);
        }
    }
}
