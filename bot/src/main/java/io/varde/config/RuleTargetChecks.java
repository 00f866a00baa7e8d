package io.varde.config;

import io.varde.check.Target;
import io.varde.core.Matchers;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Checks correlation rules against the targets of {@code targets.yaml}: matchers that select no
 * target, and campaign {@code group-by} labels that none of the rule's targets has, are errors,
 * because such a rule can never fire and nothing else would tell. Skipped when the targets are
 * not known (their file had errors): a partial list would give false alarms.
 */
final class RuleTargetChecks {

    private final Optional<List<Target>> targets;

    /** @param targets every target, or empty when {@code targets.yaml} did not load */
    RuleTargetChecks(Optional<List<Target>> targets) {
        this.targets = targets.map(List::copyOf);
    }

    /**
     * Reports the matchers at {@code key} of {@code rule} when they match no target's labels.
     *
     * @return false when reported
     */
    boolean matchesSome(YamlMap rule, String key, Matchers matchers) {
        if (targets.isEmpty()
                || targets.get().stream().anyMatch(t -> matchers.matches(t.labels()))) {
            return true;
        }
        rule.problems().add(rule.get(key).orElseThrow(), rule.pathOf(key),
                "matches no target; check the labels");
        return false;
    }

    /**
     * Reports each label in {@code groupBy} (as read from {@code rule}'s {@code group-by}, one per
     * list item) that no target matching {@code matchers} has.
     */
    void groupLabels(YamlMap rule, Matchers matchers, List<String> groupBy) {
        if (targets.isEmpty()) {
            return;
        }
        List<Target> applying = targets.get().stream()
                .filter(t -> matchers.matches(t.labels())).toList();
        List<Node> items = rule.list("group-by").orElseThrow();
        for (int i = 0; i < groupBy.size(); i++) {
            String label = groupBy.get(i);
            if (applying.stream().noneMatch(t -> t.labels().get(label) != null)) {
                rule.problems().add(items.get(i), rule.pathOf("group-by") + "[" + i + "]",
                        "no target this rule applies to has the label \"" + label + "\"");
            }
        }
    }
}
