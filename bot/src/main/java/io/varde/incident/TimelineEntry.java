package io.varde.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's history: a detection event or a human action.
 *
 * @param incident the incident's number
 * @param at       when
 * @param actor    who ({@link Actor#SYSTEM} for Varde's own events)
 * @param action   what kind of entry
 * @param text     what happened, for humans, e.g. {@code muted for 1h: planned maintenance}
 */
public record TimelineEntry(long incident, Instant at, Actor actor, TimelineAction action,
                            String text) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(text, "text");
    }
}
