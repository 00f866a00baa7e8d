/**
 * Correlation: the rules of {@code rules/correlation.yaml} that say "this is an attack".
 * {@link io.varde.correlate.Correlator} is fed every signal in order (detection events, intel
 * events, the time) and returns {@link io.varde.correlate.Finding}s: a claimed attack (an outage
 * and a claim within a window, either order), a claim not observed (no outage within the window,
 * decided once it has passed), a campaign (K targets sharing label values DOWN within T), an
 * inhibition (while a source target is DOWN, matching targets' alerts are held back), and
 * targets newly on or off a task list. Rules are data ({@link io.varde.correlate.Rule}); the
 * incident service turns findings into incidents. Pure: time is an input, nothing here does I/O.
 */
package io.varde.correlate;
