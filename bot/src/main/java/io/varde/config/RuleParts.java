package io.varde.config;

import io.varde.core.Severity;
import io.varde.correlate.Rule;
import io.varde.intel.ClaimSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the parameters correlation rules share ({@code sources}, {@code window},
 * {@code severity}, label lists, {@code tighten}, ...) with their defaults and ranges, for
 * {@link CorrelationReader}. Each method reports what is wrong and returns empty then; an absent
 * optional key gives its default.
 */
final class RuleParts {

    /** The tighter check profile of tasked targets when {@code tighten} does not say otherwise. */
    static final Rule.Tightening DEFAULT_TIGHTENING =
            new Rule.Tightening(Duration.ofSeconds(15), 2, true);
    /** Every claim source: an outage with a task-list entry is as much a claimed attack. */
    static final Set<ClaimSource> ALL_SOURCES = EnumSet.allOf(ClaimSource.class);
    /**
     * All but task lists: a tasked site that stays up is the usual case (the tasked rule already
     * tells), while a public claim that nothing happened is news.
     */
    static final Set<ClaimSource> CLAIM_SOURCES =
            EnumSet.complementOf(EnumSet.of(ClaimSource.TASK_LIST));

    private static final List<String> TIGHTEN_KEYS =
            List.of("interval", "failure-threshold", "probe-paths");
    private static final List<String> SOURCE_WORDS =
            Stream.of(ClaimSource.values()).map(ClaimSource::word).toList();
    private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Duration MAX_WITHIN = Duration.ofDays(1);
    private static final Duration MIN_TIGHT_INTERVAL = Duration.ofSeconds(5);

    private RuleParts() {
    }

    /** {@code tighten}: a check profile no faster than every 5s. */
    static Optional<Rule.Tightening> tighten(YamlMap r) {
        return optional(r, "tighten", DEFAULT_TIGHTENING, key -> r.map(key).flatMap(t -> {
            t.rejectUnknown(TIGHTEN_KEYS);
            Rule.Tightening d = DEFAULT_TIGHTENING;
            Optional<Duration> interval = optional(t, "interval", d.interval(), k -> t.duration(k,
                    x -> x.compareTo(MIN_TIGHT_INTERVAL) >= 0, "must be at least 5s"));
            Optional<Integer> threshold = optional(t, "failure-threshold", d.failureThreshold(),
                    k -> t.integer(k, n -> n >= 1 && n <= 100, "must be between 1 and 100"));
            Optional<Boolean> paths = optional(t, "probe-paths", d.probePaths(), t::bool);
            return allPresent(interval, threshold, paths) ? Optional.of(new Rule.Tightening(
                    interval.get(), threshold.get(), paths.get())) : Optional.empty();
        }));
    }

    /** {@code sources}: claim source words, each once, at least one. */
    static Optional<Set<ClaimSource>> sources(YamlMap r, Set<ClaimSource> defaults) {
        Set<ClaimSource> seen = EnumSet.noneOf(ClaimSource.class);
        return optional(r, "sources", defaults, key -> TeamLists.checkedTexts(r, key, word -> {
            Optional<ClaimSource> source = ClaimSource.ofWord(word);
            if (source.isEmpty()) {
                return Suggestions.unknownWord("source", word, SOURCE_WORDS);
            }
            return seen.add(source.get()) ? null : "source \"" + word + "\" is listed twice";
        }).filter(words -> nonEmpty(r, key, words, "list at least one source, e.g. [webhook, "
                + "feed, manual]; to turn the rule off, remove it"))
                .map(words -> Set.copyOf(seen)));
    }

    /** {@code window} of the claim rules: 1m to 7d. */
    static Optional<Duration> window(YamlMap r, Duration defaultWindow) {
        return optional(r, "window", defaultWindow, key -> r.duration(key,
                d -> between(d, MIN_WINDOW, MAX_WINDOW), "must be between 1m and 7d"));
    }

    /** {@code within} of a campaign, required: 1m to 24h. */
    static Optional<Duration> within(YamlMap r) {
        return required(r, "within", key -> r.duration(key,
                d -> between(d, MIN_WINDOW, MAX_WITHIN), "must be between 1m and 24h"));
    }

    /** {@code min-targets} of a campaign, required: 2 or more. */
    static Optional<Integer> minTargets(YamlMap r) {
        return required(r, "min-targets", key -> r.integer(key, n -> n >= 2, "must be at least 2"));
    }

    /** {@code group-by} of a campaign, required: label names, at least one. */
    static Optional<List<String>> groupBy(YamlMap r) {
        return required(r, "group-by", key -> TeamLists.labelNames(r, key).filter(labels ->
                nonEmpty(r, key, labels, "list at least one label name, e.g. [sector]")));
    }

    /** {@code equal}: label names; none by default. */
    static Optional<List<String>> equal(YamlMap r) {
        return optional(r, "equal", List.of(), key -> TeamLists.labelNames(r, key));
    }

    static Optional<Severity> severity(YamlMap r, Severity defaultSeverity) {
        return optional(r, "severity", defaultSeverity, key -> RouteReader.severity(r, key));
    }

    /** The value at {@code key} read by {@code read}, or {@code defaultValue} when absent. */
    static <T> Optional<T> optional(YamlMap r, String key, T defaultValue,
                                    Function<String, Optional<T>> read) {
        return r.has(key) ? read.apply(key) : Optional.of(defaultValue);
    }

    /** The value at {@code key} read by {@code read}; its absence is reported. */
    static <T> Optional<T> required(YamlMap r, String key, Function<String, Optional<T>> read) {
        if (!r.has(key)) {
            r.missing(key);
            return Optional.empty();
        }
        return read.apply(key);
    }

    static boolean allPresent(Optional<?>... parts) {
        return Stream.of(parts).allMatch(Optional::isPresent);
    }

    private static boolean nonEmpty(YamlMap r, String key, List<String> list, String problem) {
        if (list.isEmpty()) {
            r.problems().add(r.get(key).orElseThrow(), r.pathOf(key), problem);
        }
        return !list.isEmpty();
    }

    private static boolean between(Duration d, Duration min, Duration max) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }
}
