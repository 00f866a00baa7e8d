package io.varde.incident;

import java.util.Objects;

/**
 * Who did something: a chat user, the local operator, or Varde itself.
 *
 * @param platform {@code slack}, {@code discord}, {@code cli} (the local operator) or
 *                 {@code varde} (the bot's own actions)
 * @param id       the platform's user id, e.g. {@code U024BE7LH}
 * @param name     a display name for humans
 */
public record Actor(String platform, String id, String name) {

    /** Varde itself: detection, sweeps, expiry. */
    public static final Actor SYSTEM = new Actor("varde", "varde", "Varde");

    public Actor {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** The operator at the host, running {@code varde ctl}. */
    public static Actor operator(String user) {
        return new Actor("cli", user, user);
    }

    public boolean isSystem() {
        return equals(SYSTEM);
    }

    /** e.g. {@code alice (slack)}. */
    public String describe() {
        return isSystem() ? name : name + " (" + platform + ")";
    }
}
