package io.varde.incident;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Levels an unacknowledged incident climbs, from {@code rules/team.yaml}.
 *
 * @param name   how routes refer to it
 * @param levels level 1 first
 */
public record EscalationPolicy(String name, List<Level> levels) {

    public EscalationPolicy {
        Objects.requireNonNull(name, "name");
        levels = List.copyOf(levels);
    }

    /** Level {@code n} (1-based), or null past the last. */
    public Level level(int n) {
        return n >= 1 && n <= levels.size() ? levels.get(n - 1) : null;
    }

    /**
     * One level.
     *
     * @param after    how long after the previous level (after the incident opened, for level 1)
     *                 this level is reached when nobody acknowledges
     * @param channels channels to post the incident to (see {@link OutboxMessage#channel()})
     * @param mentions people or groups to mention (see {@link OutboxMessage#mentions()})
     */
    public record Level(Duration after, List<String> channels, List<String> mentions) {

        public Level {
            Objects.requireNonNull(after, "after");
            channels = List.copyOf(channels);
            mentions = List.copyOf(mentions);
        }
    }
}
