package io.varde.intel;

import java.util.Locale;
import java.util.Optional;

/** Where a claim came from. Stored and written in config by {@link #word()}: renaming one needs a migration. */
public enum ClaimSource {
    /** An entry newly on an attack tool's task list (DDoSia). */
    TASK_LIST,
    /** Pushed to {@code POST /api/claims}. */
    WEBHOOK,
    /** A post on a polled RSS or Atom feed. */
    FEED,
    /** Reported by a responder with the {@code claim} command. */
    MANUAL;

    /** {@code task-list}, {@code webhook}, {@code feed}, {@code manual}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The source a {@link #word()} names, ignoring case. */
    public static Optional<ClaimSource> ofWord(String word) {
        for (ClaimSource s : values()) {
            if (s.word().equalsIgnoreCase(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
