/**
 * The metrics edge: Varde's Prometheus metrics, built with Micrometer. {@link
 * io.varde.metrics.VardeMetrics} owns one {@code PrometheusMeterRegistry} with the JVM's metrics
 * (memory, GC, threads, class loading, process CPU and uptime) and Varde's own ({@code varde_}
 * prefix, base units in the name, counters ending in {@code _total}): per-target state and check
 * latency, checks and failures by reason, unresolved incidents, notifications and rate-limit
 * waits, claims and tasked targets. The core hands it values (a {@code CheckResult}, suppliers of
 * reports and incidents) or calls a port it implements (the delivery worker's {@code
 * DeliveryListener}); the wiring connects them, and the web edge serves {@link
 * io.varde.metrics.VardeMetrics#scrape()} as {@code /metrics} without knowing Micrometer.
 *
 * <p>Micrometer and the Prometheus client stay in this package (an ArchUnit rule says so): the
 * core stays framework-free, and a change of metrics library touches one package. Gauges read
 * from stores through {@link io.varde.metrics.Cached} values, so a scrape every second costs the
 * database at most one query per source every few seconds.
 */
package io.varde.metrics;
