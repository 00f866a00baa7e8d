/**
 * JDBC stores for incidents, the outbox, check history, threat intel and the cluster, with Flyway
 * migrations; H2 embedded by default, PostgreSQL when configured.
 * {@link io.varde.store.jdbc.Database} opens the pool and migrates the schema
 * ({@code db/migration}, one script set for both databases, plus {@code db/postgresql} for
 * PostgreSQL only: Quartz's clustered job store and the shared checks' tightenings);
 * {@link io.varde.store.jdbc.JdbcIncidentStore}, {@link io.varde.store.jdbc.JdbcOutboxStore},
 * {@link io.varde.store.jdbc.JdbcCheckHistory} and {@link io.varde.store.jdbc.JdbcIntelStore}
 * (claims, task list snapshots), {@link io.varde.store.jdbc.JdbcOnceKeys} (keys seen once across
 * every node on the database), {@link io.varde.store.jdbc.JdbcClusterStore} (node heartbeats,
 * the coordinator's lease, the coordinator's event queue, the check shards as Quartz's tables
 * list them) and
 * {@link io.varde.store.jdbc.JdbcReportStore} (target statuses shared by the nodes) implement the
 * core's store ports on it; {@link io.varde.store.jdbc.DetectionEventJson} is the text of a
 * detection event in that queue. The coordinator's incident and outbox stores are fenced with its lease
 * ({@link io.varde.store.jdbc.Fence}, {@link io.varde.store.jdbc.JdbcClusterStore#fence}): once
 * its term is over their transactions throw {@link io.varde.store.jdbc.FencedOff} before any work.
 * Database errors surface as the unchecked {@link io.varde.store.jdbc.StoreException}.
 */
package io.varde.store.jdbc;
