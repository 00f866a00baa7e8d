package io.varde.command;

import io.varde.incident.Actor;
import java.util.List;
import java.util.Objects;

/**
 * One command as it arrives from any platform.
 *
 * @param actor  who sent it
 * @param groups the sender's Slack user groups or Discord roles, as ids, for role mapping
 * @param text   the command words, e.g. {@code mute borger-dk 1h planned maintenance}
 */
public record CommandRequest(Actor actor, List<String> groups, String text) {

    public CommandRequest {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
        groups = List.copyOf(groups);
    }
}
