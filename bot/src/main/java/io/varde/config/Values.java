package io.varde.config;

import io.varde.core.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns value nodes into typed Java values, expanding environment references first and reporting
 * every problem to {@link Problems} under the given key. Each method returns empty when the value
 * is unusable (and has then reported why); callers read each node once, so each problem is
 * reported once.
 *
 * <p>Typing follows the YAML 1.2 core schema: a plain {@code 3} is an integer, a quoted
 * {@code "3"} is text. A plain scalar whose references expanded is typed by its expanded text,
 * so {@code failure-threshold: ${THRESHOLD:-3}} is an integer.
 */
final class Values {

    /** The type of a scalar after expansion. */
    enum Type { NULL, BOOLEAN, INTEGER, FLOAT, TEXT }

    /** A scalar after expansion. */
    record Scalar(String text, Type type) {
    }

    private final Problems problems;
    private final Map<String, String> env;

    Values(Problems problems, Map<String, String> env) {
        this.problems = problems;
        this.env = Map.copyOf(env);
    }

    Problems problems() {
        return problems;
    }

    /** Any non-empty scalar as text ({@code 2024} and {@code true} are fine as text). */
    Optional<String> text(Node node, String key) {
        return scalar(node, key, "text").flatMap(s -> {
            if (s.type() == Type.NULL) {
                return expected(node, key, "text", s);
            }
            return Optional.of(s.text());
        });
    }

    Optional<Boolean> bool(Node node, String key) {
        return scalar(node, key, "a boolean").flatMap(s -> s.type() == Type.BOOLEAN
                ? Optional.of(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)))
                : expected(node, key, "a boolean", s));
    }

    /** An integer satisfying {@code valid}; otherwise reports {@code rule, got <value>}. */
    Optional<Integer> integer(Node node, String key, IntPredicate valid, String rule) {
        Optional<Scalar> scalar = scalar(node, key, "an integer");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        if (s.type() != Type.INTEGER) {
            return expected(node, key, "an integer", s);
        }
        BigInteger n = parseInteger(s.text());
        if (n.bitLength() >= Integer.SIZE || !valid.test(n.intValue())) {
            problems.add(node, key, rule + ", got " + s.text());
            return Optional.empty();
        }
        return Optional.of(n.intValue());
    }

    /** A number (integer or decimal) satisfying {@code valid}. */
    Optional<Double> number(Node node, String key, DoublePredicate valid, String rule) {
        Optional<Scalar> scalar = scalar(node, key, "a number");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        double d;
        if (s.type() == Type.INTEGER) {
            d = parseInteger(s.text()).doubleValue();
        } else if (s.type() == Type.FLOAT) {
            d = parseFloat(s.text());
        } else {
            return expected(node, key, "a number", s);
        }
        if (!Double.isFinite(d) || !valid.test(d)) {
            problems.add(node, key, rule + ", got " + s.text());
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** A duration in {@link Durations} notation satisfying {@code valid}. */
    Optional<Duration> duration(Node node, String key, Predicate<Duration> valid, String rule) {
        Optional<Scalar> scalar = scalar(node, key, "a duration");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        if (s.type() == Type.NULL) {
            return expected(node, key, "a duration", s);
        }
        Duration d;
        try {
            d = Durations.parse(s.text());
        } catch (IllegalArgumentException e) {
            problems.add(node, key, e.getMessage());
            return Optional.empty();
        }
        if (!valid.test(d)) {
            problems.add(node, key, rule + ", got " + s.text());
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** A mapping; an empty value counts as an empty mapping (every entry commented out). */
    Optional<MappingNode> mapping(Node node, String key) {
        if (node instanceof MappingNode m) {
            return Optional.of(m);
        }
        if (isEmptyValue(node)) {
            return Optional.of(new MappingNode(Tag.MAP, true, List.of(), FlowStyle.BLOCK,
                    node.getStartMark(), node.getEndMark()));
        }
        problems.add(node, key, "expected a mapping, got " + describe(node));
        return Optional.empty();
    }

    /** The items of a list; an empty value counts as an empty list. */
    Optional<List<Node>> list(Node node, String key) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s.getValue());
        }
        if (isEmptyValue(node)) {
            return Optional.of(List.of());
        }
        problems.add(node, key, "expected a list, got " + describe(node));
        return Optional.empty();
    }

    /**
     * The expanded scalar, or empty (reported) when the node is a collection or expansion failed.
     *
     * @param what the expected type, for the message: {@code an integer}, {@code text}, ...
     */
    Optional<Scalar> scalar(Node node, String key, String what) {
        if (!(node instanceof ScalarNode s)) {
            problems.add(node, key, "expected " + what + ", got " + describe(node));
            return Optional.empty();
        }
        String raw = s.getValue();
        if (!EnvExpander.hasReferences(raw)) {
            return Optional.of(new Scalar(raw, typeOf(s.getTag())));
        }
        EnvExpander.Result r = EnvExpander.expand(raw, env);
        if (!r.errors().isEmpty()) {
            r.errors().forEach(message -> problems.add(node, key, message));
            return Optional.empty();
        }
        Type type = s.isPlain() ? typeOf(YamlSource.resolve(r.text())) : typeOf(s.getTag());
        return Optional.of(new Scalar(r.text(), type));
    }

    /** {@code a list}, {@code a mapping}, {@code an empty value}, {@code text "x"}, ... */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        ScalarNode s = (ScalarNode) node;
        return describe(new Scalar(s.getValue(), typeOf(s.getTag())));
    }

    private static String describe(Scalar s) {
        return switch (s.type()) {
            case NULL -> "an empty value";
            case BOOLEAN -> "the boolean " + s.text();
            case INTEGER, FLOAT -> "the number " + s.text();
            case TEXT -> "text \"" + s.text() + "\"";
        };
    }

    private <T> Optional<T> expected(Node node, String key, String what, Scalar got) {
        problems.add(node, key, "expected " + what + ", got " + describe(got));
        return Optional.empty();
    }

    private static boolean isEmptyValue(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static Type typeOf(Tag tag) {
        if (Tag.NULL.equals(tag)) {
            return Type.NULL;
        } else if (Tag.BOOL.equals(tag)) {
            return Type.BOOLEAN;
        } else if (Tag.INT.equals(tag)) {
            return Type.INTEGER;
        } else if (Tag.FLOAT.equals(tag)) {
            return Type.FLOAT;
        }
        return Type.TEXT;
    }

    /** Parses the core-schema integer forms: {@code -12}, {@code +7}, {@code 0x1F}, {@code 0o17}. */
    private static BigInteger parseInteger(String text) {
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    /** Parses the core-schema float forms, including {@code .inf} and {@code .nan}. */
    private static double parseFloat(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }
}
