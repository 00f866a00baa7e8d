package io.varde.config;

import io.varde.core.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads and checks the tunable keys of {@code defaults:} and of each target, including the rule
 * that a timeout may not be longer than the interval it must fit in. That rule is checked where
 * the operator can fix it: on the target when the target sets either value, otherwise once on
 * {@code defaults:}.
 */
final class TuningReader {

    static final String INTERVAL = "interval";
    static final String TIMEOUT = "timeout";

    /** The keys this reader owns, in documentation order. */
    static final List<String> KEYS = List.of(INTERVAL, TIMEOUT, "failure-threshold",
            "success-threshold", "baseline-factor", "baseline-floor", "flapping");

    private static final List<String> FLAPPING_KEYS = List.of("threshold", "window");
    private static final String THRESHOLD_RULE = "must be between 1 and 100";

    private TuningReader() {
    }

    /** The tunable keys {@code map} sets; unknown keys are the caller's business. */
    static Tuning read(YamlMap map) {
        Duration interval = map.duration(INTERVAL, d -> d.compareTo(Duration.ofSeconds(1)) >= 0,
                "must be at least 1s").orElse(null);
        Duration timeout = map.duration(TIMEOUT, d -> !d.isZero(), "must be more than 0")
                .orElse(null);
        Integer failures = map.integer("failure-threshold", n -> n >= 1 && n <= 100,
                THRESHOLD_RULE).orElse(null);
        Integer successes = map.integer("success-threshold", n -> n >= 1 && n <= 100,
                THRESHOLD_RULE).orElse(null);
        Double factor = map.number("baseline-factor", f -> f == 0 || f > 1,
                "must be 0 (off) or more than 1").orElse(null);
        Duration floor = map.duration("baseline-floor", d -> !d.isNegative(),
                "must not be negative").orElse(null);
        Integer flapThreshold = null;
        Duration flapWindow = null;
        Optional<YamlMap> flapping = map.map("flapping");
        if (flapping.isPresent()) {
            YamlMap f = flapping.get();
            f.rejectUnknown(FLAPPING_KEYS);
            flapThreshold = f.integer("threshold", n -> n == 0 || n >= 2,
                    "must be 0 (off) or at least 2").orElse(null);
            flapWindow = f.duration("window", d -> !d.isZero(), "must be more than 0")
                    .orElse(null);
        }
        return new Tuning(interval, timeout, failures, successes, factor, floor, flapThreshold,
                flapWindow);
    }

    /** True when {@code map} sets interval or timeout but {@code read} found it invalid. */
    static boolean timingBroken(YamlMap map, Tuning read) {
        return map.has(INTERVAL) && read.interval() == null
                || map.has(TIMEOUT) && read.timeout() == null;
    }

    /** Checks the timeout of {@code defaults:} against its interval (both with built-ins). */
    static void checkDefaults(YamlMap defaults, Tuning own) {
        if (timingBroken(defaults, own) || own.interval() == null && own.timeout() == null) {
            return;
        }
        Tuning effective = own.over(Tuning.BUILT_IN);
        if (effective.timeout().compareTo(effective.interval()) > 0) {
            report(defaults, own, effective);
        }
    }

    /**
     * Checks a target's timeout against its interval when the target sets either.
     *
     * @param defaults       {@code defaults:} over the built-ins
     * @param defaultsBroken whether {@code defaults:} has an invalid interval or timeout, in which
     *                       case a comparison that falls back on it is skipped
     */
    static void checkTarget(YamlMap target, Tuning own, Tuning defaults, boolean defaultsBroken) {
        boolean setsInterval = own.interval() != null;
        boolean setsTimeout = own.timeout() != null;
        if (timingBroken(target, own) || !setsInterval && !setsTimeout
                || defaultsBroken && !(setsInterval && setsTimeout)) {
            return;
        }
        Tuning effective = own.over(defaults);
        if (effective.timeout().compareTo(effective.interval()) <= 0) {
            return;
        }
        report(target, own, effective);
    }

    /**
     * Reports a timeout longer than the interval on the value {@code map} sets: on its timeout
     * when it sets one, otherwise on its interval (the timeout then comes from a default).
     */
    private static void report(YamlMap map, Tuning own, Tuning effective) {
        String timeout = fmt(effective.timeout());
        String interval = fmt(effective.interval());
        if (own.timeout() != null) {
            map.problems().add(map.get(TIMEOUT).orElseThrow(), map.pathOf(TIMEOUT),
                    "timeout " + timeout + " is longer than the "
                            + (own.interval() == null ? "default interval " : "interval ")
                            + interval);
        } else {
            map.problems().add(map.get(INTERVAL).orElseThrow(), map.pathOf(INTERVAL),
                    "interval " + interval + " is shorter than the default timeout " + timeout
                            + "; set a timeout of at most " + interval + " here too");
        }
    }

    /** Compact when that is exact ({@code 30s}), otherwise in milliseconds ({@code 1500ms}). */
    private static String fmt(Duration d) {
        String compact = Durations.format(d);
        return Durations.parse(compact).equals(d) ? compact : d.toMillis() + "ms";
    }
}
