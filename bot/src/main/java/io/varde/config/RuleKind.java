package io.varde.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kind} of a rule in {@code correlation.yaml}: its word and the keys a rule of that
 * kind may have. Knowing every kind's keys lets the reader tell a key that belongs to another
 * kind ({@code window} on a campaign) from a typo.
 */
enum RuleKind {
    TASKED("tasked", "targets", "severity", "tighten"),
    CLAIMED_ATTACK("claimed-attack", "targets", "sources", "window", "equal", "severity"),
    CLAIMED_NOT_OBSERVED("claimed-not-observed", "targets", "sources", "window", "equal"),
    CAMPAIGN("campaign", "targets", "group-by", "min-targets", "within", "severity"),
    INHIBITION("inhibition", "source", "targets", "equal");

    private final String word;
    private final List<String> keys;

    RuleKind(String word, String... keys) {
        this.word = word;
        List<String> all = new ArrayList<>(List.of("name", "kind"));
        all.addAll(List.of(keys));
        this.keys = List.copyOf(all);
    }

    /** As written in the file: {@code claimed-attack}. */
    String word() {
        return word;
    }

    /** The keys a rule of this kind may have, {@code name} and {@code kind} first. */
    List<String> keys() {
        return keys;
    }

    /** Every kind's word, in the order of the documentation. */
    static List<String> words() {
        return List.of(values()).stream().map(RuleKind::word).toList();
    }

    /** The kind {@code word} names (exactly: kinds are lower case). */
    static Optional<RuleKind> ofWord(String word) {
        for (RuleKind k : values()) {
            if (k.word.equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The keys any kind allows: what a rule of unknown kind is checked against. */
    static List<String> allKeys() {
        Set<String> all = new LinkedHashSet<>();
        for (RuleKind k : values()) {
            all.addAll(k.keys);
        }
        return List.copyOf(all);
    }

    /** The kinds that allow {@code key}, in order. */
    static List<RuleKind> owning(String key) {
        return List.of(values()).stream().filter(k -> k.keys.contains(key)).toList();
    }
}
