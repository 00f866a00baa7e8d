package io.varde.check;

import io.varde.core.Durations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Reads the text of a condition: finds the operator, reads the left side (a placeholder, a JSON
 * path, {@code len()} or {@code has()}) and the right side, and checks that the two can be
 * compared, so that mistakes surface when the config loads rather than as a false alert.
 * Every error message is the bare reason, written for the person editing the config.
 */
final class ConditionParser {

    /** The response codes {@code [DNS_RCODE]} may be compared with (RFC 1035 and RFC 2136). */
    static final List<String> DNS_RCODES = List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
            "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE");

    private static final String OPERATOR_CHARS = "=!<>";

    private final OperandReader reader;

    private ConditionParser(CheckKind kind) {
        this.reader = new OperandReader(kind);
    }

    /** Parses {@code text} for a check of {@code kind}. */
    static Condition parse(String text, CheckKind kind) throws ConditionSyntaxException {
        return new ConditionParser(kind).parse(text == null ? "" : text.strip());
    }

    private Condition parse(String t) throws ConditionSyntaxException {
        if (t.isEmpty()) {
            throw fail("empty condition");
        }
        int at = -1;
        Operator op = null;
        for (int i = 0; i < t.length() && op == null; i++) {
            op = operatorAt(t, i);
            at = i;
        }
        if (op == null) {
            throw fail(t.contains("=") ? "\"=\" is not an operator; did you mean ==?"
                    : "no operator; use one of " + Operator.list());
        }
        int start = at;
        int end = at + op.symbol().length();
        if (op != Operator.CONTAINS) {
            while (start > 0 && OPERATOR_CHARS.indexOf(t.charAt(start - 1)) >= 0) {
                start--;
            }
            while (end < t.length() && OPERATOR_CHARS.indexOf(t.charAt(end)) >= 0) {
                end++;
            }
            if (end - start != op.symbol().length()) {
                throw fail("unknown operator " + t.substring(start, end) + "; use one of "
                        + Operator.list());
            }
        }
        String leftText = t.substring(0, start).strip();
        String rightText = t.substring(end).strip();
        if (leftText.isEmpty()) {
            throw fail("missing left side before " + op);
        }
        if (rightText.isEmpty()) {
            throw fail("missing right side after " + op);
        }
        Operand left = reader.left(leftText);
        checkOperator(left, op);
        return new Condition(t, left, op, right(rightText, left, op));
    }

    /** The operator starting at {@code i}, or null; {@code contains} must stand as a word. */
    private static Operator operatorAt(String t, int i) {
        for (Operator op : Operator.symbolic()) {
            if (t.startsWith(op.symbol(), i)) {
                return op;
            }
        }
        String word = Operator.CONTAINS.symbol();
        if (!t.startsWith(word, i)) {
            return null;
        }
        int after = i + word.length();
        boolean spaced = (i == 0 || Character.isWhitespace(t.charAt(i - 1)))
                && (after == t.length() || Character.isWhitespace(t.charAt(after)));
        return spaced ? Operator.CONTAINS : null;
    }

    private static void checkOperator(Operand left, Operator op) throws ConditionSyntaxException {
        ValueType type = left.type();
        if (op == Operator.CONTAINS && type != ValueType.TEXT) {
            throw fail("contains works on text ([BODY], a JSON path or [IP]); " + left.text()
                    + " is " + type.description());
        }
        if (type.equalityOnly() && !op.isEquality()) {
            throw fail(left.text() + " can only be compared with == or !=");
        }
    }

    private Expected right(String text, Operand left, Operator op) throws ConditionSyntaxException {
        Matcher f = OperandReader.FUNCTION.matcher(text);
        String function = f.matches() ? f.group(1) : "";
        if (function.equals("pat") || function.equals("any")) {
            if (!op.isEquality()) {
                throw fail(function + "() works only with == or !=, not " + op);
            }
            if (!text.endsWith(")")) {
                throw fail("unbalanced parentheses in " + text);
            }
            String inner = text.substring(function.length() + 1, text.length() - 1).strip();
            if (function.equals("pat")) {
                return new Expected.Pattern(unquote(inner), left.type() == ValueType.RCODE);
            }
            return new Expected.AnyOf(anyValues(text, inner, left));
        }
        Operand operand = reader.right(text);
        if (operand == null) {
            operand = new Operand.Literal(text, literal(text, left));
        }
        return new Expected.Exact(operand);
    }

    private static List<Value> anyValues(String text, String inner, Operand left)
            throws ConditionSyntaxException {
        if (inner.isEmpty()) {
            throw fail("any() needs at least one value, e.g. any(200, 204)");
        }
        List<Value> values = new ArrayList<>();
        for (String item : inner.split(",", -1)) {
            if (item.isBlank()) {
                throw fail("empty value in " + text);
            }
            values.add(literal(item.strip(), left));
        }
        return values;
    }

    /** Reads a constant on the right as the type of the left side requires. */
    private static Value literal(String raw, Operand left) throws ConditionSyntaxException {
        String t = unquote(raw);
        return switch (left.type()) {
            case NUMBER -> {
                if (Value.parseNumber(t) == null) {
                    throw fail(left.text() + " must be compared with a number, not \"" + t + "\"");
                }
                yield Value.ofText(t);
            }
            case MILLIS -> millis(t, left, "milliseconds or a duration (800, 2s)");
            case DURATION -> millis(t, left, "a duration (72h, 30d)");
            case BOOL -> {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw fail(left.text() + " must be compared with true or false, not \""
                            + t + "\"");
                }
                yield Value.ofBoolean(Boolean.parseBoolean(t));
            }
            case RCODE -> {
                String code = t.toUpperCase(Locale.ROOT);
                if (!DNS_RCODES.contains(code)) {
                    throw fail("unknown DNS rcode \"" + t + "\"; known: "
                            + String.join(", ", DNS_RCODES));
                }
                yield Value.ofText(code);
            }
            case TEXT -> Value.ofText(t);
        };
    }

    /** A number (milliseconds) or a duration, as a value in milliseconds. */
    private static Value millis(String t, Operand left, String expected)
            throws ConditionSyntaxException {
        if (Value.parseNumber(t) != null) {
            return Value.ofText(t);
        }
        try {
            long ms = Durations.parse(t).toMillis();
            return new Value(t, BigDecimal.valueOf(ms), t, true);
        } catch (IllegalArgumentException e) {
            throw fail(left.text() + " must be compared with " + expected + ", not \"" + t + "\"");
        }
    }

    /** {@code "text"} without its double quotes; anything else as it is. */
    private static String unquote(String s) {
        boolean quoted = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"");
        return quoted ? s.substring(1, s.length() - 1) : s;
    }

    /** The exception for {@code message}, to be thrown by the caller. */
    static ConditionSyntaxException fail(String message) {
        return new ConditionSyntaxException(message);
    }
}
