package io.varde.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alertmanager matcher text for {@link Matchers#parse}: {@code name op value} items
 * separated by commas (a trailing comma is allowed, as in Alertmanager), optionally inside
 * {@code {}}, with whitespace allowed between tokens. A value is double-quoted, with {@code \"}
 * and {@code \\} as its only escapes, or unquoted, when it has no whitespace, comma, quote or
 * brace. An empty value must be written {@code ""}: {@code org=} alone is more often a mistake
 * than a wish to match a missing label. Single use, not thread-safe.
 */
final class MatcherParser {

    private static final String OPERATOR_CHARS = "=!~";
    private static final String NAME_STOPS = OPERATOR_CHARS + ",{}\"";
    private static final String VALUE_STOPS = ",{}\"";
    private static final String USE_OPERATORS = "use =, !=, =~ or !~";

    private final String text;
    private int pos;

    private MatcherParser(String text) {
        this.text = text;
    }

    /** The matchers in {@code text}, at least one. */
    static List<Matcher> parse(String text) {
        return new MatcherParser(text == null ? "" : text).all();
    }

    private List<Matcher> all() {
        skipSpace();
        boolean braced = accept('{');
        List<Matcher> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (atEnd() || braced && peek() == '}') {
                break;
            }
            Matcher m = matcher();
            out.add(m);
            skipSpace();
            if (accept(',')) {
                continue;
            }
            if (atEnd() || braced && peek() == '}') {
                break;
            }
            throw fail("unexpected " + quote(token()) + " after " + m
                    + ": separate matchers with commas, and quote values with spaces");
        }
        if (braced && !accept('}')) {
            throw fail("missing closing \"}\"");
        }
        skipSpace();
        if (!atEnd()) {
            throw fail("unexpected " + quote(token()) + " after \"}\"");
        }
        if (out.isEmpty()) {
            throw fail("no matchers: write at least one, e.g. sector=\"government\"");
        }
        return out;
    }

    private Matcher matcher() {
        String name = run(NAME_STOPS, false);
        if (name.isEmpty()) {
            String found = OPERATOR_CHARS.indexOf(peek()) >= 0 ? run(OPERATOR_CHARS, true) : null;
            throw fail(found != null ? "missing label name before " + quote(found)
                    : "expected a label name, got " + quote(String.valueOf(peek())));
        }
        if (!Labels.isValidKey(name)) {
            throw fail(Matcher.invalidName(name));
        }
        skipSpace();
        String symbol = run(OPERATOR_CHARS, true);
        if (symbol.isEmpty()) {
            throw fail("missing operator after " + quote(name) + ": " + USE_OPERATORS);
        }
        Matcher.Op op = operator(symbol);
        if (op == null) {
            throw fail("unknown operator " + quote(symbol) + " after " + quote(name) + ": "
                    + USE_OPERATORS);
        }
        skipSpace();
        String value = accept('"') ? quoted(name) : unquoted(name + symbol);
        return new Matcher(name, op, value);
    }

    private String quoted(String name) {
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && !atEnd()) {
                char e = text.charAt(pos++);
                if (e != '"' && e != '\\') {
                    throw fail("invalid escape \"\\" + e + "\" in the value of " + quote(name)
                            + ": only \\\" and \\\\ are allowed");
                }
                c = e;
            }
            sb.append(c);
        }
        throw fail("unclosed quote in the value of " + quote(name));
    }

    private String unquoted(String nameAndOp) {
        String value = run(VALUE_STOPS, false);
        if (value.isEmpty() && (atEnd() || Character.isWhitespace(peek()) || peek() == ','
                || peek() == '}')) {
            throw fail("missing value after " + nameAndOp + ": write " + nameAndOp
                    + "\"\" to match an empty or missing label");
        }
        if (!atEnd() && (peek() == '"' || peek() == '{')) {
            String what = peek() == '"' ? "a quote" : quote(String.valueOf(peek()));
            throw fail("unexpected " + what + " in the value after " + nameAndOp + ": quote the whole value, e.g. " + nameAndOp + "\"...\"");
        }
        return value;
    }

    private static Matcher.Op operator(String symbol) {
        for (Matcher.Op op : Matcher.Op.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    /**
     * The longest run of characters from here that are not whitespace and are in
     * {@code chars} ({@code inside}) or not in them (not {@code inside}).
     */
    private String run(String chars, boolean inside) {
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek())
                && (chars.indexOf(peek()) >= 0) == inside) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** What comes next, for messages: up to whitespace or a comma, at least one character. */
    private String token() {
        int end = pos + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                && text.charAt(end) != ',') {
            end++;
        }
        return text.substring(pos, end);
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean accept(char c) {
        if (!atEnd() && peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }
}
