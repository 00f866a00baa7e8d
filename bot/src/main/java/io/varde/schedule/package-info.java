/**
 * Quartz at the edge: {@link io.varde.schedule.CheckScheduler} fires one job per shard about
 * once a second, which hands the shard's due checks to the dispatcher and returns at once (probes
 * are asynchronous, so no scheduler thread ever waits on a site), plus a sweep job for
 * time-driven decisions. Jobs are built by {@link io.varde.schedule.VardeJobFactory} with their
 * dependencies passed in, not looked up.
 */
package io.varde.schedule;
