package io.varde.schedule;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
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
 * job, each firing every second, and, when given, the intel poll job every
 * {@link #INTEL_PERIOD_MS} ms. Shard triggers are staggered over the second so that their work
 * is spread out. A missed firing is skipped, never replayed in a burst.
 */
public final class CheckScheduler implements AutoCloseable {

    static final long PERIOD_MS = 1_000;
    /** How often the intel poller is asked which sources are due (each has its own `every`). */
    static final long INTEL_PERIOD_MS = 5_000;

    private final Scheduler scheduler;
    private final int shards;
    private final Clock clock;
    private final boolean intel;

    /** A scheduler without intel polling. */
    public CheckScheduler(String name, CheckPlanner planner, CheckDispatcher dispatcher,
                          Runnable sweep, Clock clock) throws SchedulerException {
        this(name, planner, dispatcher, sweep, null, clock);
    }

    /**
     * @param intelPoll given the time every {@link #INTEL_PERIOD_MS} ms from the start (the intel
     *                  poller's {@code pollDue}); null for none
     */
    public CheckScheduler(String name, CheckPlanner planner, CheckDispatcher dispatcher,
                          Runnable sweep, Consumer<Instant> intelPoll, Clock clock) throws SchedulerException {
        this(name, planner, dispatcher, planner.shardCount(), sweep, intelPoll, clock);
    }

    /**
     * A coordinator's scheduler in a cluster: the sweep and the intel poll only, since every node
     * checks its own shards there ({@link ShardScheduler}).
     */
    public static CheckScheduler withoutChecks(String name, Runnable sweep, Consumer<Instant> intelPoll, Clock clock)
            throws SchedulerException {
        return new CheckScheduler(name, null, null, 0, sweep, intelPoll, clock);
    }

    private CheckScheduler(String name, CheckPlanner planner, CheckDispatcher dispatcher, int shards,
                           Runnable sweep, Consumer<Instant> intelPoll, Clock clock) throws SchedulerException {
        this.shards = shards;
        this.clock = clock;
        this.intel = intelPoll != null;
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
        Map<Class<? extends Job>, Supplier<Job>> jobs = new HashMap<>(Map.of(
                ShardJob.class, () -> new ShardJob(planner, dispatcher, clock),
                SweepJob.class, () -> new SweepJob(sweep)));
        if (intel) {
            jobs.put(IntelPollJob.class, () -> new IntelPollJob(intelPoll, clock));
        }
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
        if (intel) {
            JobDetail poll = JobBuilder.newJob(IntelPollJob.class).withIdentity("intel", "intel").build();
            scheduler.scheduleJob(poll, every("intel", now, INTEL_PERIOD_MS));
        }
        scheduler.start();
    }

    private static Trigger everySecond(String name, long startMillis) {
        return every(name, startMillis, PERIOD_MS);
    }

    private static Trigger every(String name, long startMillis, long periodMillis) {
        return TriggerBuilder.newTrigger()
                .withIdentity(name)
                .startAt(new Date(startMillis))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(periodMillis)
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** True between {@link #start()} and {@link #close()}: what {@code /readyz} reports. */
    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops firing and waits for running jobs (which only dispatch, so this is quick). */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
