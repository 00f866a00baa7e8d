package io.varde.correlate;

import java.util.List;

/**
 * The rules of {@code rules/correlation.yaml}, validated, in file order.
 *
 * @param rules every rule; names unique
 */
public record CorrelationRules(List<Rule> rules) {

    public static final CorrelationRules NONE = new CorrelationRules(List.of());

    public CorrelationRules {
        rules = List.copyOf(rules);
    }

    /** The rules of one kind, in file order. */
    public <R extends Rule> List<R> of(Class<R> kind) {
        return rules.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
