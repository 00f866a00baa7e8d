package io.varde.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.varde.check.CheckResult;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The check metrics: per target {@code varde_target_up}, {@code varde_target_latency_seconds}
 * (the last check), {@code varde_checks_total} and {@code varde_check_failures_total}; and the
 * latency histogram {@code varde_check_duration_seconds} per sector. Labels are the target id,
 * plus the outcome, the failure reason or the sector, each from a small closed set, so the number
 * of series grows with the number of targets only. The histogram is by sector, not by target:
 * eleven series per target cost 100 MiB of heap and a 9 MB scrape at 10,000 targets
 * (docs/BENCHMARKS.md), and Prometheus's advice is the same.
 */
final class CheckMetrics {

    /** Histogram buckets for check latency: from a fast site (50 ms) to the longest timeout (30 s). */
    static final List<Duration> BUCKETS = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** The failure reason of a FAIL without a probe error: a condition did not hold. */
    static final String CONDITION = "condition";

    private final MeterRegistry registry;
    private final Map<String, String> sectors = new ConcurrentHashMap<>();
    private final Map<String, Double> lastLatency = new ConcurrentHashMap<>();
    /** Meters looked up once, not built again for every check (a check is a hot path). */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Map<Outcome, Counter>> checks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> failures = new ConcurrentHashMap<>();

    CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one check: its outcome, its response time in the histogram, and for a FAIL its
     * reason (the probe error's reason, else {@value #CONDITION}).
     */
    void checked(CheckResult r) {
        String target = r.targetId();
        lastLatency.put(target, r.responseTime().toNanos() / 1e9);
        timers.computeIfAbsent(sectors.getOrDefault(target, ""), sector -> Timer.builder("varde.check.duration")
                .description("Response time of checks, failed ones included, by sector")
                .tag("sector", sector)
                .serviceLevelObjectives(BUCKETS.toArray(Duration[]::new))
                .register(registry)).record(r.responseTime());
        checks.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(r.outcome(), outcome -> Counter.builder("varde.checks")
                        .description("Checks run, by outcome (ok, slow, fail)")
                        .tags("target", target, "outcome", lower(outcome.name()))
                        .register(registry))
                .increment();
        if (r.outcome().failed()) {
            failures.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reason(r), reason -> Counter.builder("varde.check.failures")
                            .description("Failed checks, by reason: dns, connect, timeout, tls, protocol, other, condition")
                            .tags("target", target, "reason", reason)
                            .register(registry))
                    .increment();
        }
    }

    /**
     * Registers {@code varde_target_up{target,sector}} for each target: 1 UP, 0.5 DEGRADED, 0
     * DOWN, NaN UNKNOWN (not checked yet), read from {@code reports} at most every {@code ttl};
     * and {@code varde_target_latency_seconds{target,sector}}. Call before the first check, so
     * that checks are counted in their sector's histogram.
     */
    void targetStates(List<Target> targets, Supplier<List<TargetReport>> reports, Clock clock, Duration ttl) {
        Cached<Map<String, TargetState>> states = new Cached<>("target_reports", () -> {
            Map<String, TargetState> byId = new HashMap<>();
            reports.get().forEach(r -> byId.put(r.target().id(), r.state()));
            return byId;
        }, Map.of(), clock, ttl);
        for (Target t : targets) {
            String sector = t.labels().get("sector") == null ? "" : t.labels().get("sector");
            sectors.put(t.id(), sector);
            Gauge.builder("varde.target.up", states, s -> up(s.get().get(t.id())))
                    .description("Target state: 1 up, 0.5 degraded, 0 down, NaN unknown (not checked yet)")
                    .tags("target", t.id(), "sector", sector)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("varde.target.latency", lastLatency, m -> m.getOrDefault(t.id(), Double.NaN))
                    .description("Response time of the target's last check; NaN before its first")
                    .baseUnit("seconds")
                    .tags("target", t.id(), "sector", sector)
                    .strongReference(true)
                    .register(registry);
        }
    }

    static double up(TargetState state) {
        if (state == null) {
            return Double.NaN;
        }
        return switch (state) {
            case UP -> 1.0;
            case DEGRADED, PARTIAL, MITIGATED -> 0.5;
            case DOWN -> 0.0;
            case UNKNOWN -> Double.NaN;
        };
    }

    static String reason(CheckResult r) {
        return r.error() != null ? lower(r.error().reason().name()) : CONDITION;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
