package io.varde.command;

import io.varde.command.Reply.Visibility;
import io.varde.incident.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The command table: every command the bot understands, in the order {@code help} lists them.
 * Adding a command is one {@link Command} record and one row here; parsing, usage lines,
 * {@code help} and role checks follow from the row.
 */
public final class Commands {

    private static final List<CommandDefinition> ALL = List.of(
        new CommandDefinition("status", "[target|label=value]",
                "what is down or degraded now, for all targets, one, or those matching labels",
                Role.VIEWER, Visibility.CALLER, Command.Status.class, Commands::status),
        new CommandDefinition("incidents", "[open|all]",
                "the incident list, open ones unless all is asked for",
                Role.VIEWER, Visibility.CALLER, Command.Incidents.class, Commands::incidents),
        new CommandDefinition("claims", "[since]",
                "recent claims and task lists and the monitored targets they hit; since is 2h, 1d"
                        + " (the default, at most 30d) or a day, 2025-11-12",
                Role.VIEWER, Visibility.CALLER, Command.Claims.class, Commands::claims),
        new CommandDefinition("ack", "<incident>",
                "acknowledge: you are on it, and escalation stops",
                Role.RESPONDER, Visibility.CHANNEL, Command.Ack.class,
                a -> done(a, new Command.Ack(a.incident()))),
        new CommandDefinition("claim", "<host|target> [actor] [link]",
                "record a claim you saw, e.g. claim trm.dk \"NoName057(16)\" https://t.me/...",
                Role.RESPONDER, Visibility.CHANNEL, Command.Claim.class, Commands::claim),
        new CommandDefinition("mute", "<incident|target|label=value> <duration> [reason]",
                "silence alerts for a while; they are still recorded",
                Role.LEAD, Visibility.CHANNEL, Command.Mute.class,
                a -> new Command.Mute(ArgumentReader.muteScope(a.required("what to mute")),
                        ArgumentReader.duration(a.required("duration")), a.rest())),
        new CommandDefinition("unmute", "<mute-id|target>",
                "end a mute before its time",
                Role.LEAD, Visibility.CHANNEL, Command.Unmute.class,
                a -> done(a, new Command.Unmute(ArgumentReader.muteRef(a.required("mute id or target"))))),
        new CommandDefinition("escalate", "<incident> [level] [note]",
                "escalate now, to the next level of the policy or to the level given",
                Role.LEAD, Visibility.CHANNEL, Command.Escalate.class, Commands::escalate),
        new CommandDefinition("resolve", "<incident> [note]",
                "close an incident by hand",
                Role.LEAD, Visibility.CHANNEL, Command.Resolve.class,
                a -> new Command.Resolve(a.incident(), a.rest())),
        new CommandDefinition("help", "[command]",
                "this list, or how to use one command",
                Role.VIEWER, Visibility.CALLER, Command.Help.class, Commands::help));

    private Commands() {
    }

    /** Every command, in help order. */
    public static List<CommandDefinition> all() {
        return ALL;
    }

    /** The command called {@code name}, in any case. */
    public static Optional<CommandDefinition> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(d -> d.name().equals(lower)).findFirst();
    }

    /** The definition {@code command} was parsed by. */
    public static CommandDefinition of(Command command) {
        return ALL.stream().filter(d -> d.type() == command.getClass()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no definition for " + command));
    }

    /** The command names on one line, e.g. {@code status, incidents, claims, ...}. */
    public static String list() {
        return ALL.stream().map(CommandDefinition::name).collect(Collectors.joining(", "));
    }

    private static Command done(ArgumentReader args, Command command) {
        args.end();
        return command;
    }

    private static Command status(ArgumentReader args) {
        Optional<String> word = args.optional();
        args.end();
        if (word.isEmpty()) {
            return Command.Status.all();
        }
        if (ArgumentReader.isMatcherExpression(word.get())) {
            return new Command.Status(Optional.empty(), Optional.of(ArgumentReader.matchers(word.get())));
        }
        return new Command.Status(Optional.of(ArgumentReader.targetId(word.get())), Optional.empty());
    }

    private static Command incidents(ArgumentReader args) {
        String which = args.optional().orElse("open");
        args.end();
        return switch (which.toLowerCase(Locale.ROOT)) {
            case "open" -> new Command.Incidents(false);
            case "all" -> new Command.Incidents(true);
            default -> throw new ArgumentException(ArgumentReader.show(which) + " is not open or all");
        };
    }

    /**
     * {@code claim <host|target> [actor] [link]}: a second word with a scheme ({@code ://}) is
     * the link, not the actor; the actor is quoted when it has spaces.
     */
    private static Command claim(ArgumentReader args) {
        String host = args.required("host or target");
        if (host.isBlank()) {
            throw new ArgumentException("missing host or target");
        }
        String actor = "";
        String link = "";
        Optional<String> second = args.optional();
        if (second.isPresent() && IntelArguments.looksLikeUrl(second.get())) {
            link = IntelArguments.link(second.get());
        } else if (second.isPresent()) {
            actor = second.get().strip();
            link = args.optional().map(IntelArguments::link).orElse("");
        }
        args.end();
        return new Command.Claim(host, actor, link);
    }

    /** {@code claims [since]}: a duration back from now, or a date. */
    private static Command claims(ArgumentReader args) {
        Optional<String> word = args.optional();
        args.end();
        if (word.isEmpty()) {
            return Command.Claims.back(Command.Claims.DEFAULT_BACK);
        }
        if (IntelArguments.isDate(word.get())) {
            return Command.Claims.from(IntelArguments.date(word.get()));
        }
        return Command.Claims.back(IntelArguments.since(word.get()));
    }

    private static Command escalate(ArgumentReader args) {
        long incident = args.incident();
        OptionalInt level = args.level();
        return new Command.Escalate(incident, level, args.rest());
    }

    private static Command help(ArgumentReader args) {
        Optional<String> word = args.optional();
        args.end();
        if (word.isEmpty()) {
            return new Command.Help(Optional.empty());
        }
        CommandDefinition def = named(word.get()).orElseThrow(() ->
                new ArgumentException(Suggest.unknownCommand(word.get())));
        return new Command.Help(Optional.of(def.name()));
    }
}
