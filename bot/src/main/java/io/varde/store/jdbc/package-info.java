/**
 * JDBC stores for incidents, the outbox, check history and threat intel, with Flyway
 * migrations; H2 embedded by default, PostgreSQL when configured.
 * {@link io.varde.store.jdbc.Database} opens the pool and migrates the schema
 * ({@code db/migration}, one script set for both databases);
 * {@link io.varde.store.jdbc.JdbcIncidentStore}, {@link io.varde.store.jdbc.JdbcOutboxStore},
 * {@link io.varde.store.jdbc.JdbcCheckHistory}, {@link io.varde.store.jdbc.JdbcIntelStore}
 * (claims, task list snapshots) and {@link io.varde.store.jdbc.JdbcOnceKeys} (keys seen once
 * across every node on the database) implement the core's store ports on it. Database errors surface
 * as the unchecked {@link io.varde.store.jdbc.StoreException}.
 */
package io.varde.store.jdbc;
