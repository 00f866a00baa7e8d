package io.varde.check.probe;

import io.varde.check.Target;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which response headers an HTTP check keeps in its {@link io.varde.check.Observation}: the few
 * that tell which CDN or WAF answered and whether it challenged ({@link #WELL_KNOWN}), plus those
 * the target's own mitigation signatures name. Everything else is dropped at once, so 10,000
 * targets hold a handful of short strings each. Values are cut to {@value #MAX_VALUE} characters.
 */
final class KeptHeaders {

    /** The headers every HTTP check keeps (lower case). */
    static final Set<String> WELL_KNOWN = Set.of("server", "via", "cf-mitigated", "cf-ray",
            "cf-cache-status", "x-cache", "x-sucuri-id", "x-sucuri-block", "x-iinfo", "x-cdn",
            "x-amzn-waf-action", "x-datadome", "retry-after");

    static final int MAX_VALUE = 256;

    private KeptHeaders() {
    }

    /** The names (lower case) to keep for {@code target}. */
    static Set<String> namesFor(Target target) {
        Set<String> own = target.mitigation().headerNames();
        if (own.isEmpty()) {
            return WELL_KNOWN;
        }
        Set<String> names = new HashSet<>(WELL_KNOWN);
        names.addAll(own);
        return names;
    }

    /**
     * The kept headers of a response, from every header as {@code name -> values} (names in any
     * case): names lower case, repeated values joined by {@code ", "}.
     */
    static Map<String, String> pick(Set<String> names, Map<String, List<String>> all) {
        Map<String, String> kept = new HashMap<>();
        for (Map.Entry<String, List<String>> header : all.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (names.contains(name) && !header.getValue().isEmpty()) {
                add(kept, name, String.join(", ", header.getValue()));
            }
        }
        return kept;
    }

    /** Adds one header occurrence to {@code kept} if its name is kept. */
    static void add(Set<String> names, Map<String, String> kept, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (names.contains(lower)) {
            add(kept, lower, value == null ? "" : value);
        }
    }

    private static void add(Map<String, String> kept, String lowerName, String value) {
        String joined = kept.containsKey(lowerName) ? kept.get(lowerName) + ", " + value : value;
        kept.put(lowerName, joined.length() > MAX_VALUE ? joined.substring(0, MAX_VALUE) : joined);
    }
}
