package io.varde.command;

import java.util.Optional;

/**
 * Splits command words lazily, so that a note can be taken verbatim as "the rest of the line".
 *
 * <p>Words are separated by whitespace (any Unicode space, including the no-break space chat
 * clients paste). A word that starts with {@code "} or {@code '} runs to the matching quote,
 * which is dropped; inside double quotes a backslash escapes the next character. A quote in the
 * middle of a word is kept, and the word runs on through the matching double quote, so that
 * {@code org=~"kk aarhus"} stays one word with its quotes, as Alertmanager matchers want.
 * The input is expected already normalised by {@link CommandParser} (no control characters,
 * smart quotes replaced). Never throws except {@link ArgumentException} for an unclosed quote.
 */
final class Tokenizer {

    private final String text;
    private int pos;

    Tokenizer(String text) {
        this.text = text;
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** True when another word follows. */
    boolean hasNext() {
        skipSpace();
        return pos < text.length();
    }

    /** The next word, or empty at the end. */
    Optional<String> next() {
        if (!hasNext()) {
            return Optional.empty();
        }
        char first = text.charAt(pos);
        if (first == '"' || first == '\'') {
            return Optional.of(quoted(first));
        }
        StringBuilder word = new StringBuilder();
        while (pos < text.length() && !isSpace(text.charAt(pos))) {
            char c = text.charAt(pos);
            if (c == '"') {
                embedded(word);
            } else {
                word.append(c);
                pos++;
            }
        }
        return Optional.of(word.toString());
    }

    /** The next word without consuming it; empty at the end or when it would not read. */
    Optional<String> peek() {
        int saved = pos;
        try {
            return next();
        } catch (ArgumentException e) {
            return Optional.empty();
        } finally {
            pos = saved;
        }
    }

    /** Everything after the words read so far, verbatim but without surrounding space. */
    String rest() {
        skipSpace();
        int end = text.length();
        while (end > pos && isSpace(text.charAt(end - 1))) {
            end--;
        }
        String rest = text.substring(pos, end);
        pos = text.length();
        return rest;
    }

    private String quoted(char quote) {
        StringBuilder word = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return word.toString();
            }
            if (c == '\\' && quote == '"' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            word.append(c);
        }
        throw new ArgumentException("unclosed " + (quote == '"' ? "double" : "single") + " quote");
    }

    /** Copies a {@code "..."} section inside a word, quotes and escapes kept. */
    private void embedded(StringBuilder word) {
        word.append(text.charAt(pos++));
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            word.append(c);
            if (c == '"') {
                return;
            }
            if (c == '\\' && pos < text.length()) {
                word.append(text.charAt(pos++));
            }
        }
        throw new ArgumentException("unclosed double quote");
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }
}
