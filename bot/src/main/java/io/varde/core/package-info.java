/**
 * Shared values with no dependencies beyond the JDK: {@link io.varde.core.Labels} (the key/value
 * pairs every target and, later, every incident carries), {@link io.varde.core.Severity}, and
 * {@link io.varde.core.Durations} (the {@code 30s}, {@code 1h30m} notation used in config,
 * conditions and messages).
 */
package io.varde.core;
