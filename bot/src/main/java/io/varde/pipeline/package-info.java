/**
 * The pipeline of Varde, in one place and top to bottom: a check result goes to detection
 * ({@code Monitor}), its events through correlation ({@code Correlator}, by {@code Signals}) to
 * incidents ({@code IncidentService}, which writes the outbox in the same transaction); intel comes
 * in through {@code IntelIntake} and goes the same way; the passing of time runs detection's tick,
 * the incident sweep and correlation's tick. {@link io.varde.pipeline.Pipeline} builds these stages
 * from the rules and the stores' ports, restores what they knew from the database, and serves
 * {@code varde run} (one node, or a cluster's coordinator), {@code varde replay} and the tests alike;
 * what differs between them (which thread, what a failure does, what else sees a result) is a
 * {@link io.varde.pipeline.Pipeline.Hooks}. Framework-free: it builds core classes only.
 */
package io.varde.pipeline;
