/**
 * Shared values with no dependencies beyond the JDK: {@link io.varde.core.Labels} (the key/value
 * pairs every target and, later, every incident carries), {@link io.varde.core.Severity}, and
 * {@link io.varde.core.Durations} (the {@code 30s}, {@code 1h30m} notation used in config,
 * conditions and messages), {@link io.varde.core.Matchers} (Alertmanager label matchers such as
 * {@code org=~"kk|aarhus"}, for routes and mutes) and {@link io.varde.core.Card}; the
 * {@link io.varde.core.OnceKeys} port (a key accepted once across every process sharing it, until it
 * expires) with {@link io.varde.core.MemoryOnceKeys} for one process.
 */
package io.varde.core;
