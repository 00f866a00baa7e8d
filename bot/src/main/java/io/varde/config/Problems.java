package io.varde.config;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the problems of one file while it is read. Readers report here and carry on, so that
 * one run finds every mistake.
 */
final class Problems {

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** Reports a problem with the value {@code node}, located at the node's first line. */
    void add(Node node, String key, String message) {
        add(lineOf(node), key, message);
    }

    void add(int line, String key, String message) {
        errors.add(new ConfigError(file, line, key, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    String file() {
        return file;
    }

    /** The problems found so far, in the order found. */
    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    ConfigException toException() {
        return new ConfigException(errors);
    }

    /** The 1-based line where {@code node} starts (1 when the parser kept no mark). */
    static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }
}
