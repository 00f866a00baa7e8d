package io.varde.config;

import java.util.Collection;
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
            int d = distance(lower, c);
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
