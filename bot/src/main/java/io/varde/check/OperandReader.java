package io.varde.check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one side of a condition into an {@link Operand}: placeholders (any case, as Gatus
 * accepts), JSON paths into {@code [BODY]}, {@code len(...)} and {@code has(...)}, checking that
 * each placeholder is one the check's kind produces.
 */
final class OperandReader {

    static final Pattern FUNCTION = Pattern.compile("([A-Za-z_]+)\\((.*)", Pattern.DOTALL);

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\[([A-Za-z_]+)](.*)", Pattern.DOTALL);
    private static final String LEN_USAGE = "len() takes [BODY], a JSON path or [IP]";
    private static final String HAS_USAGE =
            "has() takes a JSON path into the body, e.g. has([BODY].data.id)";

    private final CheckKind kind;

    OperandReader(CheckKind kind) {
        this.kind = kind;
    }

    /** The left side: it must read the observation, so a literal here is an error. */
    Operand left(String text) throws ConditionSyntaxException {
        Matcher f = FUNCTION.matcher(text);
        if (f.matches()) {
            String name = f.group(1);
            switch (name) {
                case "len", "has" -> {
                    return function(name, text);
                }
                case "pat" -> throw ConditionParser.fail(
                        "pat() belongs on the right side, e.g. [BODY].name == pat(jo*)");
                case "any" -> throw ConditionParser.fail(
                        "any() belongs on the right side, e.g. [STATUS] == any(200, 204)");
                default -> throw ConditionParser.fail("unknown function " + name
                        + "(); known: len(), has(), pat(), any()");
            }
        }
        Matcher p = PLACEHOLDER.matcher(text);
        if (p.matches()) {
            return placeholder(text, p.group(1), p.group(2), "");
        }
        if (text.startsWith("[")) {
            throw ConditionParser.fail("unknown placeholder " + text + "; known: "
                    + Placeholder.listFor(kind));
        }
        throw ConditionParser.fail("left side \"" + text
                + "\" is not a placeholder; start with one such as [STATUS], len(...) or has(...)");
    }

    /**
     * The right side when it reads the observation ({@code [IP]}, {@code [BODY].id},
     * {@code len(...)}, {@code has(...)}); null when it is a literal, which the caller reads.
     * Text that merely starts with brackets ({@code [1, 2]}) is a literal; a quoted one always is.
     */
    Operand right(String text) throws ConditionSyntaxException {
        Matcher f = FUNCTION.matcher(text);
        if (f.matches() && (f.group(1).equals("len") || f.group(1).equals("has"))) {
            return function(f.group(1), text);
        }
        Matcher p = PLACEHOLDER.matcher(text);
        if (p.matches() && (p.group(2).isEmpty() || p.group(2).startsWith(".")
                || p.group(2).startsWith("["))) {
            return placeholder(text, p.group(1), p.group(2),
                    "; to compare with this text, quote it: \"" + text + "\"");
        }
        return null;
    }

    private Operand function(String name, String text) throws ConditionSyntaxException {
        if (!balanced(text)) {
            throw ConditionParser.fail("unbalanced parentheses in " + text);
        }
        String inner = text.substring(name.length() + 1, text.length() - 1).strip();
        Matcher p = PLACEHOLDER.matcher(inner);
        if (!p.matches()) {
            throw ConditionParser.fail(name.equals("len") ? LEN_USAGE : HAS_USAGE);
        }
        Operand operand = placeholder(inner, p.group(1), p.group(2), "");
        if (name.equals("has")) {
            if (operand instanceof Operand.Path path) {
                return new Operand.Has(text, path.path());
            }
            throw ConditionParser.fail(HAS_USAGE + "; got " + inner);
        }
        boolean countable = operand instanceof Operand.Path
                || operand instanceof Operand.Field field && field.type() == ValueType.TEXT;
        if (!countable) {
            throw ConditionParser.fail(LEN_USAGE + "; got " + inner);
        }
        return new Operand.Length(text, operand);
    }

    private Operand placeholder(String text, String name, String rest, String hint)
            throws ConditionSyntaxException {
        Placeholder ph = Placeholder.named(name);
        if (ph == null) {
            throw ConditionParser.fail("unknown placeholder [" + name + "]; known: "
                    + Placeholder.listFor(kind) + hint);
        }
        if (!Placeholder.availableFor(kind).contains(ph)) {
            throw ConditionParser.fail(ph.token() + " is not available for " + kind.configName()
                    + " checks; " + kind.configName() + " provides " + Placeholder.listFor(kind));
        }
        if (rest.isEmpty()) {
            return new Operand.Field(text, ph);
        }
        if (ph != Placeholder.BODY) {
            throw ConditionParser.fail("unexpected \"" + rest + "\" after " + ph.token()
                    + "; only [BODY] takes a JSON path");
        }
        return new Operand.Path(JsonPath.parse(text, rest));
    }

    /** True when the parentheses of {@code text} pair up and it ends with the last one. */
    private static boolean balanced(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0 || depth == 0 && c == ')' && i != text.length() - 1) {
                return false;
            }
        }
        return depth == 0 && text.endsWith(")");
    }
}
