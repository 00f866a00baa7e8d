/**
 * What a check is and how its outcome is judged, free of any I/O: {@link io.varde.check.Target}
 * (what to probe, how often, with which {@link io.varde.check.Condition}s), the
 * {@link io.varde.check.Prober} port that edge adapters implement, the raw
 * {@link io.varde.check.Observation} a probe returns, and {@link io.varde.check.Checker}, which
 * turns an observation into a {@link io.varde.check.CheckResult}: OK, SLOW, FAIL, or MITIGATED
 * when {@link io.varde.check.Mitigation#recognise} finds a CDN or WAF challenge or block page
 * ({@code MitigationSignatures}, plus the target's own). The condition language (Gatus
 * syntax) is parsed by {@code ConditionParser} when the config loads and evaluated against an
 * observation with a JSON body parsed once ({@code EvalContext}). Also the plumbing that decides
 * when checks run and how many at once: {@link io.varde.check.CheckPlanner} (due times in shards,
 * with jitter) and {@link io.varde.check.CheckDispatcher} (global and per-host concurrency caps).
 */
package io.varde.check;
