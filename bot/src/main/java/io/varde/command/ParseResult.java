package io.varde.command;

import java.util.Objects;

/** What {@link CommandParser#parse} makes of some words: a command, or why not. */
public sealed interface ParseResult {

    /** The words are a command. */
    record Parsed(Command command) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * The words are not a command.
     *
     * @param reason short and specific, one line (line breaks become spaces), e.g.
     *               {@code ack: missing incident id}
     * @param usage  the usage line of the command meant, or {@link Commands#list()} when no
     *               command could be made out
     */
    record Invalid(String reason, String usage) implements ParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(usage, "usage");
            reason = reason.replaceAll("\\R+", " ").strip();
        }

        /** The error reply for the caller. */
        public Reply toReply() {
            return Reply.error(reason, usage);
        }
    }
}
