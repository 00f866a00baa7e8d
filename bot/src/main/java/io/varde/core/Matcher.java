package io.varde.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One label matcher: {@code name op "value"} with op one of {@code =}, {@code !=}, {@code =~},
 * {@code !~}. Regular expressions match the whole value.
 */
public record Matcher(String name, Op op, String value) {

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
    }

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    /** True when the label's value (null when absent, treated as empty) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> Pattern.compile(value).matcher(v).matches();
            case NOT_REGEX -> !Pattern.compile(value).matcher(v).matches();
        };
    }

    /** e.g. {@code org=~"kk|aarhus"}. */
    @Override
    public String toString() {
        return name + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
