/**
 * Replays a story: {@link io.varde.replay.Replay} feeds a {@link io.varde.replay.Scenario} (a
 * timeline of check outcomes, claims and task lists) through the real pipeline (the same
 * {@code Monitor}, {@code Correlator}, {@code IncidentService}, {@code IntelIntake} and JDBC stores
 * as {@code varde run}, on a private in-memory H2 database) on a simulated clock, with no network,
 * no scheduler and no probes, and returns the alerts and incidents it produced
 * ({@link io.varde.replay.ReplayResult}, printed by {@link io.varde.replay.ReplayReport}). A team
 * tests its {@code rules/} against a story with it; {@code config.ScenarioReader} reads the
 * scenario file. An edge package: it uses the stores, like {@code app}.
 */
package io.varde.replay;
