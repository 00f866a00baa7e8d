package io.varde.command;

import io.varde.incident.Role;
import java.util.Objects;
import java.util.function.Function;

/**
 * One command of the grammar: its name, how its arguments are written, what it does, who may
 * run it, where its reply goes, and how its arguments are read. Usage lines, {@code help} and
 * role checks are all generated from these; see {@link Commands} for the table.
 */
public final class CommandDefinition {

    private final String name;
    private final String syntax;
    private final String summary;
    private final Role role;
    private final Reply.Visibility replyTo;
    private final Class<? extends Command> type;
    private final Function<ArgumentReader, Command> reader;

    CommandDefinition(String name, String syntax, String summary, Role role,
                      Reply.Visibility replyTo, Class<? extends Command> type,
                      Function<ArgumentReader, Command> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.syntax = Objects.requireNonNull(syntax, "syntax");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.role = Objects.requireNonNull(role, "role");
        this.replyTo = Objects.requireNonNull(replyTo, "replyTo");
        this.type = Objects.requireNonNull(type, "type");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Lower case, as typed: {@code mute}. */
    public String name() {
        return name;
    }

    /** The arguments, e.g. {@code <incident> [note]}; empty when it takes none. */
    public String syntax() {
        return syntax;
    }

    /** One line on what it does. */
    public String summary() {
        return summary;
    }

    /** The least role that may run it. */
    public Role role() {
        return role;
    }

    /** Who sees the reply: the caller for queries, the channel for actions. */
    public Reply.Visibility replyTo() {
        return replyTo;
    }

    /** The {@link Command} record it parses to. */
    public Class<? extends Command> type() {
        return type;
    }

    /** The usage line: name and syntax, e.g. {@code resolve <incident> [note]}. */
    public String usage() {
        return syntax.isEmpty() ? name : name + " " + syntax;
    }

    /** Reads the words after the name; throws {@link ArgumentException} with a reason. */
    Command read(ArgumentReader args) {
        return reader.apply(args);
    }

    @Override
    public String toString() {
        return usage();
    }
}
