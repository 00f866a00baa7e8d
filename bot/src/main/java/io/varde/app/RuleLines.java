package io.varde.app;

import io.varde.core.Durations;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.Rule;
import io.varde.intel.ClaimSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One line per correlation rule for {@code varde validate}, with every default applied, so an
 * operator sees what each rule will do: {@code rule claimed-attack: claimed-attack within 2h,
 * sources task-list, webhook, feed, manual, equal org, severity critical}. Pure.
 */
final class RuleLines {

    private RuleLines() {
    }

    /** {@code rule <name>: <kind and parameters>}. */
    static String line(Rule rule) {
        return "rule " + rule.name() + ": " + String.join(", ", parts(rule));
    }

    private static List<String> parts(Rule rule) {
        List<String> parts = new ArrayList<>();
        if (rule instanceof Rule.Tasked r) {
            parts.add("tasked");
            targets(parts, r.targets());
            parts.add(word(r.severity()));
            Rule.Tightening t = r.tighten();
            parts.add("while tasked checked every " + Durations.format(t.interval()));
            parts.add("DOWN after " + t.failureThreshold()
                    + (t.failureThreshold() == 1 ? " failure" : " failures"));
            parts.add(t.probePaths() ? "attacked paths checked too" : "attacked paths not checked");
        } else if (rule instanceof Rule.ClaimedAttack r) {
            parts.add("claimed-attack within " + Durations.format(r.window()));
            targets(parts, r.targets());
            parts.add("sources " + sources(r.sources()));
            equal(parts, r.equal());
            parts.add(word(r.severity()));
        } else if (rule instanceof Rule.ClaimedNotObserved r) {
            parts.add("claimed-not-observed within " + Durations.format(r.window()));
            targets(parts, r.targets());
            parts.add("sources " + sources(r.sources()));
            equal(parts, r.equal());
        } else if (rule instanceof Rule.Campaign r) {
            parts.add("campaign of " + r.minTargets() + " targets within "
                    + Durations.format(r.within()));
            parts.add("group by " + String.join(", ", r.groupBy()));
            targets(parts, r.targets());
            parts.add(word(r.severity()));
        } else if (rule instanceof Rule.Inhibition r) {
            parts.add("inhibition of " + r.targets() + " while " + r.source() + " is down");
            equal(parts, r.equal());
        }
        return parts;
    }

    private static void targets(List<String> parts, Matchers targets) {
        if (!targets.matchers().isEmpty()) {
            parts.add("targets " + targets);
        }
    }

    private static void equal(List<String> parts, List<String> equal) {
        if (!equal.isEmpty()) {
            parts.add("equal " + String.join(", ", equal));
        }
    }

    /** In {@link ClaimSource} order, whatever order the set has. */
    private static String sources(Set<ClaimSource> sources) {
        return String.join(", ", Stream.of(ClaimSource.values()).filter(sources::contains)
                .map(ClaimSource::word).toList());
    }

    private static String word(Severity severity) {
        return "severity " + severity.name().toLowerCase(Locale.ROOT);
    }
}
