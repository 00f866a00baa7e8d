/**
 * Quartz at the edge: {@link io.varde.schedule.CheckScheduler} fires one job per shard about
 * once a second, which hands the shard's due checks to the dispatcher and returns at once (probes
 * are asynchronous, so no scheduler thread ever waits on a site), plus a sweep job for
 * time-driven decisions and an intel poll job (every 5 s) that tells the intel poller the time.
 * Jobs are built by {@link io.varde.schedule.VardeJobFactory} with their dependencies passed in,
 * not looked up; they see only a {@code Runnable} or a {@code Consumer<Instant>}, so this package
 * depends on no intel code. In a cluster on PostgreSQL,
 * {@link io.varde.schedule.ShardScheduler} shares the check shards over the nodes with Quartz's
 * clustered JDBC job store (its connections and reads of who runs what come from the wiring and
 * the {@code ClusterStore} port, so no JDBC here).
 */
package io.varde.schedule;
