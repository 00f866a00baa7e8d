package io.varde.command;

import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for mistyped command names: the closest name within a small edit distance
 * (one edit for names of up to four letters, two for longer ones; swapping two neighbouring
 * letters counts as one edit, so {@code stauts} suggests {@code status}). Pure.
 */
final class Suggest {

    /** Longer words are not compared: no command name is near them. */
    private static final int LONGEST_WORD = 20;

    private Suggest() {
    }

    /** The reason for an unknown command name, with a suggestion when one is close. */
    static String unknownCommand(String word) {
        return "unknown command " + ArgumentReader.show(word)
                + closest(word).map(n -> " (did you mean " + n + "?)").orElse("");
    }

    static Optional<String> closest(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() > LONGEST_WORD) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CommandDefinition d : Commands.all()) {
            int allowed = d.name().length() <= 4 ? 1 : 2;
            int distance = distance(lower, d.name());
            if (distance <= allowed && distance < bestDistance) {
                best = d.name();
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, swaps. */
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
