package io.varde.command;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads command words as typed in chat or given to {@code varde ctl} into a {@link Command}.
 *
 * <p>Before reading: input over {@value #MAX_LENGTH} characters is refused; smart quotes from
 * Slack and phones ({@code “ ” ‘ ’}) become plain ones; control characters are refused (a tab
 * counts as a space); a leading {@code /varde} or {@code varde} is skipped. Command names are
 * case-insensitive. The grammar of each command's arguments is in {@link Commands}.
 *
 * <p>Pure and total: for any string, including null, it returns a result and never throws.
 * The work is linear in the input, which is bounded.
 */
public final class CommandParser {

    /** The longest input read; chat platforms allow more, no command needs it. */
    public static final int MAX_LENGTH = 2_000;

    private CommandParser() {
    }

    /** The command {@code text} asks for, or why it asks for none. */
    public static ParseResult parse(String text) {
        if (text == null) {
            return unknown("no command given; try help");
        }
        if (text.length() > MAX_LENGTH) {
            return unknown(String.format(Locale.ROOT, "too long: %,d characters (at most %,d)",
                    text.length(), MAX_LENGTH));
        }
        Optional<String> refused = controlCharacter(text);
        if (refused.isPresent()) {
            return unknown(refused.get());
        }
        Tokenizer words = new Tokenizer(normaliseQuotes(text));
        Optional<String> name;
        try {
            name = words.next();
            if (name.isPresent() && isPrefix(name.get())) {
                name = words.next();
            }
        } catch (ArgumentException e) {
            return unknown(e.reason());
        }
        if (name.isEmpty()) {
            return unknown("no command given; try help");
        }
        Optional<CommandDefinition> def = Commands.named(name.get());
        if (def.isEmpty()) {
            return unknown(Suggest.unknownCommand(name.get()));
        }
        try {
            return new ParseResult.Parsed(def.get().read(new ArgumentReader(words)));
        } catch (ArgumentException e) {
            return new ParseResult.Invalid(def.get().name() + ": " + e.reason(), def.get().usage());
        }
    }

    private static ParseResult unknown(String reason) {
        return new ParseResult.Invalid(reason, Commands.list());
    }

    private static boolean isPrefix(String word) {
        return word.equalsIgnoreCase("varde") || word.equalsIgnoreCase("/varde");
    }

    /** Why {@code text} is refused for a control or line-break character, or empty. */
    private static Optional<String> controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean control = type == Character.CONTROL && c != '\t';
            if (control || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of(String.format(Locale.ROOT,
                        "control characters and line breaks are not allowed (U+%04X at %d)",
                        (int) c, i + 1));
            }
        }
        return Optional.empty();
    }

    private static String normaliseQuotes(String text) {
        return text.replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'');
    }
}
