package io.varde.config;

import io.varde.core.EditDistance;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key an operator most likely meant, for "did you mean" hints. Pure.
 *
 * <p>A candidate matches when it differs only in case, {@code -} or {@code _}
 * ({@code failureThreshold}, {@code max_per_host}), or is within a small edit distance that
 * counts a swap of two neighbouring letters as one edit ({@code intreval}). Short keys allow one
 * edit, longer ones two, so that unrelated short words are not suggested.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The closest of {@code candidates} to {@code key}, first in candidate order on a tie. */
    static Optional<String> closest(String key, Collection<String> candidates) {
        String normalKey = normalise(key);
        for (String c : candidates) {
            if (normalise(c).equals(normalKey)) {
                return Optional.of(c);
            }
        }
        String lower = key.toLowerCase(Locale.ROOT);
        int allowed = lower.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EditDistance.between(lower, c);
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The message for a word that is not one of {@code known}: {@code unknown <what> "x"; did you
     * mean `y`?} when one is close, else the list of known words.
     */
    static String unknownWord(String what, String word, List<String> known) {
        return "unknown " + what + " \"" + word + "\"" + closest(word, known)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("; expected one of: " + String.join(", ", known));
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
