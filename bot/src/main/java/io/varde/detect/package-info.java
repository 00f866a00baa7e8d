/**
 * Turns check results into states and decides what is worth announcing. Per target,
 * {@link io.varde.detect.TargetTracker} walks UNKNOWN / UP / DEGRADED / DOWN with failure and
 * success thresholds, a latency baseline and flap detection. Across targets,
 * {@link io.varde.detect.Monitor} compares each target's state with the state last announced,
 * holds target alerts back while the canaries say the bot's own connectivity is lost, and emits
 * {@link io.varde.detect.DetectionEvent}s. Pure logic: time comes in as {@code Instant now}.
 * {@link io.varde.detect.HistoryRecorder} stores check results in batches through the {@link
 * io.varde.detect.CheckHistory} port, and {@link io.varde.detect.StatusBoard} answers "how is
 * everything now" from live states and that history. In a cluster, each node publishes its
 * {@link io.varde.detect.TargetReport}s through the {@link io.varde.detect.ReportStore} port, as
 * {@link io.varde.detect.StoredReport}s any node can read.
 */
package io.varde.detect;
