package io.varde.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * One side of a condition after parsing: a placeholder, a JSON path into the body, a function
 * of one of those, or (right side only) a literal.
 */
sealed interface Operand permits Operand.Field, Operand.Path, Operand.Length, Operand.Has,
        Operand.Literal {

    /** The operand as written. */
    String text();

    /** The type of value it yields, which decides what it may be compared with. */
    ValueType type();

    /** The placeholders it reads; empty for a literal. */
    Set<Placeholder> placeholders();

    /** Its value in {@code ctx}. */
    Value resolve(EvalContext ctx);

    /** A placeholder such as {@code [STATUS]}. */
    record Field(String text, Placeholder placeholder) implements Operand {

        @Override
        public ValueType type() {
            return placeholder.type();
        }

        @Override
        public Set<Placeholder> placeholders() {
            return EnumSet.of(placeholder);
        }

        @Override
        public Value resolve(EvalContext ctx) {
            return placeholder.read(ctx);
        }
    }

    /** A JSON path such as {@code [BODY].data[0].id}; its values are text, numbers or booleans. */
    record Path(JsonPath path) implements Operand {

        @Override
        public String text() {
            return path.text();
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public Set<Placeholder> placeholders() {
            return EnumSet.of(Placeholder.BODY);
        }

        @Override
        public Value resolve(EvalContext ctx) {
            return path.read(ctx);
        }
    }

    /**
     * {@code len(x)}: the number of elements of a JSON array or object, otherwise the number of
     * characters of the text. {@code len([BODY])} counts elements when the whole body is a JSON
     * array (as Gatus does) and characters otherwise. A JSON null has no length.
     */
    record Length(String text, Operand inner) implements Operand {

        @Override
        public ValueType type() {
            return ValueType.NUMBER;
        }

        @Override
        public Set<Placeholder> placeholders() {
            return inner.placeholders();
        }

        @Override
        public Value resolve(EvalContext ctx) {
            JsonNode node = null;
            if (inner instanceof Path p) {
                JsonPath.Lookup found = p.path().lookup(ctx);
                if (found.node() == null) {
                    return found.missing();
                }
                node = found.node();
            } else if (inner instanceof Field f && f.placeholder() == Placeholder.BODY
                    && ctx.body() != null && ctx.json() != null && ctx.json().isArray()) {
                node = ctx.json();
            }
            if (node != null && node.isContainerNode()) {
                return Value.ofNumber(node.size());
            }
            if (node != null && node.isNull()) {
                return Value.missing(Value.NOT_AVAILABLE + " (null)");
            }
            Value v = node != null ? Value.ofText(node.asText()) : inner.resolve(ctx);
            return v.present() ? Value.ofNumber(v.text().codePointCount(0, v.text().length())) : v;
        }
    }

    /**
     * {@code has([BODY].path)}: whether the body holds a non-null value at the path. A body that
     * is absent or not JSON leaves the answer unknown rather than false.
     */
    record Has(String text, JsonPath path) implements Operand {

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }

        @Override
        public Set<Placeholder> placeholders() {
            return EnumSet.of(Placeholder.BODY);
        }

        @Override
        public Value resolve(EvalContext ctx) {
            JsonPath.Lookup found = path.lookup(ctx);
            if (found.node() == null && ctx.json() == null) {
                return found.missing();
            }
            return Value.ofBoolean(found.node() != null && !found.node().isNull());
        }
    }

    /** A constant on the right side, already read for the type of the left side. */
    record Literal(String text, Value value) implements Operand {

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public Set<Placeholder> placeholders() {
            return Placeholder.none();
        }

        @Override
        public Value resolve(EvalContext ctx) {
            return value;
        }
    }
}
