package io.varde.schedule;

import java.util.Map;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds Varde's jobs with their dependencies (constructor injection instead of Quartz reflection). */
final class VardeJobFactory implements JobFactory {

    private final Map<Class<? extends Job>, Supplier<Job>> jobs;

    VardeJobFactory(Map<Class<? extends Job>, Supplier<Job>> jobs) {
        this.jobs = Map.copyOf(jobs);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        Supplier<Job> supplier = jobs.get(type);
        if (supplier == null) {
            throw new SchedulerException("no factory for job class " + type.getName());
        }
        return supplier.get();
    }
}
