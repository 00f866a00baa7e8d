package io.varde.config;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One YAML mapping at a known key path, with typed access to its entries. Creating it reports
 * keys that are not text and keys given twice (the first one wins; later ones are ignored).
 * Keys are taken as written: environment references are expanded in values only.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Values values;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlMap(MappingNode node, String path, Values values) {
        this.node = node;
        this.path = path;
        this.values = values;
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems().add(t.getKeyNode(), path.isEmpty() ? ConfigError.WHOLE_FILE : path,
                        "keys must be text, got " + Values.describe(t.getKeyNode()));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(k.getValue(), t);
            if (first != null) {
                problems().add(k, pathOf(k.getValue()), "duplicate key; first given on line "
                        + Problems.lineOf(first.getKeyNode()));
            }
        }
    }

    /** The key path of this mapping; empty for the root. */
    String path() {
        return path;
    }

    /** The key path of entry {@code key}. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The line where this mapping starts: where a missing key is reported. */
    int line() {
        return Problems.lineOf(node);
    }

    Values values() {
        return values;
    }

    Problems problems() {
        return values.problems();
    }

    /** The keys in file order (each once). */
    Collection<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** The node of the key itself (for problems about the key rather than its value). */
    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /**
     * Reports every key not in {@code allowed}. {@code misplaced} may explain a key that is valid
     * elsewhere (returns null otherwise); other keys get a "did you mean" hint or the list of
     * allowed keys.
     */
    void rejectUnknown(List<String> allowed, Function<String, String> misplaced) {
        for (String key : entries.keySet()) {
            if (allowed.contains(key)) {
                continue;
            }
            String why = misplaced.apply(key);
            if (why == null) {
                why = Suggestions.closest(key, allowed)
                        .map(s -> "unknown key; did you mean `" + s + "`?")
                        .orElse("unknown key; expected one of: " + String.join(", ", allowed));
            }
            problems().add(keyNode(key), pathOf(key), why);
        }
    }

    void rejectUnknown(List<String> allowed) {
        rejectUnknown(allowed, key -> null);
    }

    /** Reports {@code key} as missing, on the line of this mapping. */
    void missing(String key) {
        problems().add(line(), pathOf(key), "required key is missing");
    }

    Optional<String> text(String key) {
        return get(key).flatMap(n -> values.text(n, pathOf(key)));
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(n -> values.bool(n, pathOf(key)));
    }

    Optional<Integer> integer(String key, IntPredicate valid, String rule) {
        return get(key).flatMap(n -> values.integer(n, pathOf(key), valid, rule));
    }

    Optional<Double> number(String key, DoublePredicate valid, String rule) {
        return get(key).flatMap(n -> values.number(n, pathOf(key), valid, rule));
    }

    Optional<Duration> duration(String key, Predicate<Duration> valid, String rule) {
        return get(key).flatMap(n -> values.duration(n, pathOf(key), valid, rule));
    }

    /** The nested mapping at {@code key}; an empty value is an empty mapping. */
    Optional<YamlMap> map(String key) {
        return get(key).flatMap(n -> values.mapping(n, pathOf(key)))
                .map(m -> new YamlMap(m, pathOf(key), values));
    }

    /** The items of the list at {@code key}; an empty value is an empty list. */
    Optional<List<Node>> list(String key) {
        return get(key).flatMap(n -> values.list(n, pathOf(key)));
    }
}
