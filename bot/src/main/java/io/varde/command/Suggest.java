package io.varde.command;

import io.varde.core.EditDistance;
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
            int distance = EditDistance.between(lower, d.name());
            if (distance <= allowed && distance < bestDistance) {
                best = d.name();
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }
}
