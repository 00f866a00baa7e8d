/**
 * Probe agents in other networks ({@code varde probe}) and the server's side of them. The wire
 * format: {@link io.varde.vantage.TargetWire} (a target as an agent runs it, with conditions as
 * text), {@link io.varde.vantage.Assignment} (what a location must check, versioned by a
 * SHA-256 that is its {@code ETag}) and {@link io.varde.vantage.ResultWire} (batches of check
 * results as compact JSON, gzipped). The server's endpoint, {@link io.varde.vantage.ProbeEndpoint},
 * is pure of any HTTP server: bearer tokens per location compared in constant time, size caps
 * (a gzip body inflated with a hard cap), and per-result plausibility (future, stale, unassigned
 * results dropped and counted through {@link io.varde.vantage.ProbeListener}); accepted results
 * go to a {@link io.varde.vantage.ResultSink}. The agent, {@link io.varde.vantage.ProbeAgent},
 * runs the assigned checks with the server's planner, dispatcher and checker over the prober it
 * is given, buffers results (bounded, oldest dropped and reported) and sends them in batches with
 * backoff, over https (plain http to loopback only, {@link io.varde.vantage.AgentSettings}).
 */
package io.varde.vantage;
