/**
 * JDBC stores for incidents, the outbox and check history, with Flyway migrations; H2 embedded
 * by default, PostgreSQL when configured.
 */
package io.varde.store.jdbc;
