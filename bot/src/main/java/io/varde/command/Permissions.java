package io.varde.command;

import io.varde.incident.Role;
import java.util.Optional;

/**
 * Who may run what, from the {@link Commands} table: viewers query, responders also
 * acknowledge, leads also mute, unmute, escalate and resolve. Pure.
 */
public final class Permissions {

    private Permissions() {
    }

    /** The least role that may run {@code command}. */
    public static Role required(Command command) {
        return Commands.of(command).role();
    }

    /** The role {@code has} lacks to run {@code command}, or empty when it may. */
    public static Optional<Role> missing(Command command, Role has) {
        Role needed = required(command);
        return has.allows(needed) ? Optional.empty() : Optional.of(needed);
    }
}
