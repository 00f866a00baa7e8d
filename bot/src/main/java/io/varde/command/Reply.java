package io.varde.command;

import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a command, platform-neutral: a {@link Card} for the renderers, and who sees it.
 * Queries, errors and refusals go to the caller only; actions go to the channel, so the team
 * sees who acknowledged, muted or escalated.
 *
 * @param card       what to show
 * @param visibility who sees it
 * @param ok         false for a command that was not understood, not allowed or refused
 */
public record Reply(Card card, Visibility visibility, boolean ok) {

    /** Who sees a reply. */
    public enum Visibility {
        /** Only the person who ran the command (Slack ephemeral, Discord ephemeral, ctl). */
        CALLER,
        /** Everyone in the channel the command came from. */
        CHANNEL
    }

    /** The notations shared by several commands, shown under the list of commands. */
    static final String NOTATION = "incident: INC-12, #12 or 12 · duration: 30m, 1h, 2d · "
            + "labels: sector=\"government\" or 'sector=\"gov\", org=~\"kk|aarhus\"'";

    public Reply {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(visibility, "visibility");
    }

    /** A reply to a command that was understood and allowed. */
    public Reply(Card card, Visibility visibility) {
        this(card, visibility, true);
    }

    /**
     * A command that failed inside Varde (a bug, a database down): the caller is told, and the
     * platform adapter logs the cause.
     */
    public static Reply failed() {
        return new Reply(Card.of("Something went wrong running that command; it was logged", Severity.WARNING,
                List.of()), Visibility.CALLER, false);
    }

    /** A command that could not be read: the reason as title, the usage line under it. */
    public static Reply error(String reason, String usage) {
        String label = usage.equals(Commands.list()) ? "commands" : "usage";
        return new Reply(new Card(reason, Severity.WARNING, List.of(new Card.Field(label, usage)),
                List.of(), List.of()), Visibility.CALLER, false);
    }

    /** A command the caller's role does not allow: says which role it needs. */
    public static Reply denied(Command command, Role needed) {
        String name = Commands.of(command).name();
        return new Reply(Card.of(name + " needs the " + roleName(needed) + " role",
                Severity.WARNING, List.of("who may run it: " + whoMay(needed))), Visibility.CALLER, false);
    }

    /** The answer to {@code command}, shown where its definition says. */
    public static Reply to(Command command, Card card) {
        return new Reply(card, Commands.of(command).replyTo());
    }

    /**
     * The grammar, generated from {@link Commands}: every command's usage, what it does and who
     * may run it; or, when {@code command} names one, just that one.
     */
    public static Reply help(Optional<String> command) {
        Optional<CommandDefinition> one = command.flatMap(Commands::named);
        if (one.isPresent()) {
            CommandDefinition d = one.get();
            return new Reply(Card.of(d.usage(), Severity.INFO,
                    List.of(d.summary(), "who may run it: " + whoMay(d.role()))), Visibility.CALLER);
        }
        List<String> lines = new ArrayList<>();
        for (CommandDefinition d : Commands.all()) {
            lines.add(d.usage() + " — " + d.summary() + " (" + whoMay(d.role()) + ")");
        }
        lines.add(NOTATION);
        return new Reply(Card.of("Varde commands", Severity.INFO, lines), Visibility.CALLER);
    }

    /** e.g. {@code lead}. */
    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** Who holds {@code role} or a higher one, in words. */
    static String whoMay(Role role) {
        return switch (role) {
            case NONE -> "anyone";
            case VIEWER -> "viewers, responders and leads";
            case RESPONDER -> "responders and leads";
            case LEAD -> "leads";
        };
    }
}
