package io.varde.correlate;

import io.varde.check.Target;
import io.varde.core.Matcher;
import io.varde.core.Matchers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inhibition rule: while a source target is DOWN, alerts of the matching targets are held
 * back. Each source DOWN starts one inhibition, scoped to the rule's target matchers plus, for
 * each {@code equal} label, that label's value on the source; the source's recovery ends it.
 */
final class Inhibitions {

    private final List<Rule.Inhibition> rules;
    private final Set<String> active = new HashSet<>();

    Inhibitions(CorrelationRules rules) {
        this.rules = rules.of(Rule.Inhibition.class);
    }

    void down(Target source, Instant at, List<Finding> out) {
        for (Rule.Inhibition rule : rules) {
            if (rule.source().matches(source.labels()) && active.add(Finding.InhibitionStarted.key(rule.name(), source.id()))) {
                List<Matcher> scope = new ArrayList<>(rule.targets().matchers());
                for (String label : rule.equal()) {
                    String v = source.labels().get(label);
                    scope.add(new Matcher(label, Matcher.Op.EQUAL, v == null ? "" : v));
                }
                out.add(new Finding.InhibitionStarted(at, rule.name(), source.id(), new Matchers(scope)));
            }
        }
    }

    void notDown(Target source, Instant at, List<Finding> out) {
        for (Rule.Inhibition rule : rules) {
            if (active.remove(Finding.InhibitionStarted.key(rule.name(), source.id()))) {
                out.add(new Finding.InhibitionEnded(at, rule.name(), source.id()));
            }
        }
    }

    /** Marks inhibition {@code key} as running (after a restart). */
    void restore(String key) {
        active.add(key);
    }
}
