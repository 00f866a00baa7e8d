package io.varde.core;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher: {@code name op "value"} with op one of {@code =}, {@code !=}, {@code =~},
 * {@code !~}. Regular expressions (Java syntax) match the whole value, as in Alertmanager:
 * {@code org=~"kk"} does not match {@code kkk}.
 *
 * <p>The regular expression is compiled once, when the matcher is built, so a bad one fails
 * there (with {@link IllegalArgumentException}) rather than on the first incident it meets.
 * Equality and hash code use the text only ({@code name}, {@code op}, {@code value}), since
 * {@link Pattern} has no equality of its own.
 *
 * @param name    a label name ({@link Labels#isValidKey})
 * @param op      the operator
 * @param value   the value or regular expression, unescaped
 * @param pattern the compiled {@code value} for {@link Op#REGEX} and {@link Op#NOT_REGEX}, null
 *                for the others; always derived from {@code value} (a pattern given that does not
 *                have {@code value} as its text is replaced), so pass null
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    /** The four Alertmanager operators. */
    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** True for {@code =~} and {@code !~}. */
        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }
    }

    /**
     * @throws IllegalArgumentException when the name is not a label name or the regular
     *                                  expression does not compile; the message names the matcher
     */
    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (!Labels.isValidKey(name)) {
            throw new IllegalArgumentException(invalidName(name));
        }
        if (!op.isRegex()) {
            pattern = null;
        } else if (pattern == null || !pattern.pattern().equals(value) || pattern.flags() != 0) {
            pattern = compile(name, op, value);
        }
    }

    /** A matcher; for a regular expression operator, {@code value} is compiled here. */
    public Matcher(String name, Op op, String value) {
        this(name, op, value, null);
    }

    /** True when the label's value (null when absent, treated as empty) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    /** Equal when name, operator and value are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && name.equals(m.name) && op == m.op && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    /**
     * The canonical text, e.g. {@code org=~"kk|aarhus"}: the value always quoted, with
     * {@code \} and {@code "} escaped as {@code \\} and {@code \"}; {@link Matchers#parse} reads
     * it back.
     */
    @Override
    public String toString() {
        return name + op.symbol() + quote(value);
    }

    /** {@code value} in double quotes with {@code \} and {@code "} escaped. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The message for a name that is not a label name (shared with the parser). */
    static String invalidName(String name) {
        return "invalid label name \"" + name
                + "\": use letters, digits and _, not starting with a digit";
    }

    private static Pattern compile(String name, Op op, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            throw new IllegalArgumentException(name + op.symbol() + quote(value)
                    + ": invalid regular expression: " + e.getDescription() + where, e);
        }
    }
}
