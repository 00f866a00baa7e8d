package io.varde.schedule;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The Quartz scheduler of a single instance (RAM job store): one job per shard and one sweep
 * job, each firing every second. Shard triggers are staggered over the second so that their work
 * is spread out. A missed firing is skipped, never replayed in a burst.
 */
public final class CheckScheduler implements AutoCloseable {

    static final long PERIOD_MS = 1_000;

    private final Scheduler scheduler;
    private final int shards;
    private final Clock clock;

    public CheckScheduler(String name, CheckPlanner planner, CheckDispatcher dispatcher,
                          Runnable sweep, Clock clock) throws SchedulerException {
        this.shards = planner.shardCount();
        this.clock = clock;
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(Math.min(4, shards + 1)));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "2000");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
                String.valueOf(Math.min(64, shards + 1)));
        this.scheduler = new StdSchedulerFactory(p).getScheduler();
        Map<Class<? extends Job>, Supplier<Job>> jobs = Map.of(
                ShardJob.class, () -> new ShardJob(planner, dispatcher, clock),
                SweepJob.class, () -> new SweepJob(sweep));
        scheduler.setJobFactory(new VardeJobFactory(jobs));
    }

    /** Schedules the jobs and starts firing. */
    public void start() throws SchedulerException {
        long now = clock.millis();
        for (int shard = 0; shard < shards; shard++) {
            JobDetail job = JobBuilder.newJob(ShardJob.class)
                    .withIdentity("shard-" + shard, "checks")
                    .usingJobData(ShardJob.SHARD, shard)
                    .build();
            scheduler.scheduleJob(job, everySecond("shard-" + shard, now + PERIOD_MS * shard / shards));
        }
        JobDetail sweep = JobBuilder.newJob(SweepJob.class).withIdentity("sweep", "detect").build();
        scheduler.scheduleJob(sweep, everySecond("sweep", now));
        scheduler.start();
    }

    private static Trigger everySecond(String name, long startMillis) {
        return TriggerBuilder.newTrigger()
                .withIdentity(name)
                .startAt(new Date(startMillis))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(PERIOD_MS)
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** Stops firing and waits for running jobs (which only dispatch, so this is quick). */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
