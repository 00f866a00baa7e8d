package io.varde.chat.discord;

import io.varde.command.CommandDefinition;
import io.varde.command.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The command layer's grammar as one Discord slash command: {@code /varde <command>} with one
 * subcommand per command definition and one typed string option per argument of its syntax
 * ({@code <x>} required, {@code [x]} optional), generated from {@link Commands}, so Discord offers
 * exactly what the other platforms accept. Incidents, targets, label values, mutes and command
 * names autocomplete. {@link #words} turns the options back into command words for the executor.
 */
final class SlashCommands {

    static final String NAME = "varde";
    /** Option names for arguments whose syntax lists alternatives. */
    private static final Map<String, String> NAMES = Map.of(
            "incident|target|label=value", "scope",
            "target|label=value", "target",
            "mute-id|target", "mute",
            "host|target", "host",
            "open|all", "which");
    /** Options whose values Discord asks Varde to complete. */
    static final Set<String> COMPLETED = Set.of("incident", "scope", "target", "mute", "host");
    /** Options that take a whole number. */
    private static final Set<String> INTEGERS = Set.of("level");

    private SlashCommands() {
    }

    /** One argument of a command as a Discord option. */
    record Option(String name, String description, boolean required) {
    }

    /** {@code /varde} with its subcommands. */
    static SlashCommandData data() {
        SlashCommandData data = net.dv8tion.jda.api.interactions.commands.build.Commands.slash(NAME,
                "Varde: status, incidents and claims; ack, mute, escalate, resolve");
        for (CommandDefinition d : Commands.all()) {
            SubcommandData sub = new SubcommandData(d.name(), cut(d.summary(), 100));
            for (Option o : options(d)) {
                sub.addOptions(option(o));
            }
            data.addSubcommands(sub);
        }
        return data;
    }

    /**
     * One option as Discord shows it: a whole number for a level, a fixed choice for
     * {@code open|all} and for command names, autocompleted for incidents, targets, mutes and hosts,
     * free text otherwise.
     */
    private static OptionData option(Option o) {
        if (INTEGERS.contains(o.name())) {
            return new OptionData(OptionType.INTEGER, o.name(), o.description(), o.required()).setMinValue(1);
        }
        OptionData data = new OptionData(OptionType.STRING, o.name(), o.description(), o.required(),
                COMPLETED.contains(o.name()));
        if (o.name().equals("which")) {
            data.addChoice("open", "open").addChoice("all", "all");
        } else if (o.name().equals("command")) {
            Commands.all().forEach(d -> data.addChoice(d.name(), d.name()));
        }
        return data;
    }

    /** The options of a command, in the order of its syntax. */
    static List<Option> options(CommandDefinition d) {
        List<Option> out = new ArrayList<>();
        for (String token : d.syntax().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean required = token.startsWith("<");
            String inner = token.substring(1, token.length() - 1);
            String name = NAMES.getOrDefault(inner, inner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", ""));
            String description = String.join(", ", inner.split("\\|"));
            out.add(new Option(name, cut(description.substring(0, 1).toUpperCase(Locale.ROOT)
                    + description.substring(1), 100), required));
        }
        return out;
    }

    /**
     * The command words for subcommand {@code name} with these option values (by option name):
     * each value in syntax order, quoted when it has spaces and is not the last, so that the
     * command layer reads it as one word.
     */
    static String words(String name, Map<String, String> values) {
        CommandDefinition d = Commands.named(name).orElseThrow(() -> new IllegalArgumentException(name));
        List<String> given = new ArrayList<>();
        for (Option o : options(d)) {
            String v = values.get(o.name());
            if (v != null && !v.isBlank()) {
                given.add(v.strip());
            }
        }
        StringBuilder sb = new StringBuilder(name);
        for (int i = 0; i < given.size(); i++) {
            String v = given.get(i);
            boolean last = i == given.size() - 1;
            sb.append(' ').append(!last && v.chars().anyMatch(Character::isWhitespace) ? quote(v) : v);
        }
        return sb.toString();
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
