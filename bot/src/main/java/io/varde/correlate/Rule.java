package io.varde.correlate;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.intel.ClaimSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One correlation rule from {@code rules/correlation.yaml}. Rules are data: five kinds, each
 * with its parameters; a new rule is a new entry in the file. {@code targets} matchers select
 * the monitored targets a rule applies to, by their labels ({@link Matchers#matches}); an empty
 * matcher list applies to every target.
 */
public sealed interface Rule {

    /** Unique within the file, {@code [a-z0-9-]+}; shown in alerts ("rule claimed-attack"). */
    String name();

    /** The targets the rule applies to. */
    Matchers targets();

    /** True when the rule applies to a target with {@code labels}. */
    default boolean appliesTo(Labels labels) {
        return targets().matchers().isEmpty() || targets().matches(labels);
    }

    /**
     * A monitored target is on a task list: an info alert, and checks of that target tighten
     * for as long as it is tasked.
     *
     * @param tighten the check profile while tasked
     */
    record Tasked(String name, Matchers targets, Severity severity, Tightening tighten) implements Rule {
        public Tasked {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(tighten, "tighten");
        }
    }

    /**
     * An outage (DOWN or DEGRADED) and a claim on the same target, or on a target with the same
     * values of the {@code equal} labels (the same {@code org}), within {@code window} of each
     * other, in either order.
     *
     * @param sources the claim sources that count
     */
    record ClaimedAttack(String name, Matchers targets, Set<ClaimSource> sources, Duration window,
                         List<String> equal, Severity severity) implements Rule {
        public ClaimedAttack {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targets, "targets");
            sources = Set.copyOf(sources);
            Objects.requireNonNull(window, "window");
            equal = List.copyOf(equal);
            Objects.requireNonNull(severity, "severity");
        }
    }

    /**
     * A claim on monitored targets and no outage of any of them (or, with {@code equal}, of a
     * target sharing those labels) within {@code window} before or after the claim: decided when
     * the window has passed.
     */
    record ClaimedNotObserved(String name, Matchers targets, Set<ClaimSource> sources, Duration window,
                              List<String> equal) implements Rule {
        public ClaimedNotObserved {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targets, "targets");
            sources = Set.copyOf(sources);
            Objects.requireNonNull(window, "window");
            equal = List.copyOf(equal);
        }
    }

    /**
     * At least {@code minTargets} targets with the same values of the {@code groupBy} labels go
     * DOWN within {@code within}: one campaign incident that rolls up their sites and grows as
     * more join, until all are back.
     */
    record Campaign(String name, Matchers targets, List<String> groupBy, int minTargets, Duration within,
                    Severity severity) implements Rule {
        public Campaign {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targets, "targets");
            groupBy = List.copyOf(groupBy);
            if (groupBy.isEmpty() || minTargets < 2) {
                throw new IllegalArgumentException("a campaign groups by a label and needs 2 or more targets");
            }
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(severity, "severity");
        }
    }

    /**
     * While a target matching {@code source} is DOWN, alerts of targets matching {@code targets}
     * (and, with {@code equal}, sharing those labels' values with the source) are held back:
     * recorded, not announced, their resolution still reported, and their state announced when
     * the source is back.
     */
    record Inhibition(String name, Matchers source, Matchers targets, List<String> equal) implements Rule {
        public Inhibition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(targets, "targets");
            equal = List.copyOf(equal);
        }
    }

    /**
     * A tighter check profile for tasked targets.
     *
     * @param interval         the check interval while tasked (never longer than the target's own)
     * @param failureThreshold failed checks in a row to go DOWN while tasked (never higher than its own)
     * @param probePaths       whether the attacked paths are checked too
     */
    record Tightening(Duration interval, int failureThreshold, boolean probePaths) {
        public Tightening {
            Objects.requireNonNull(interval, "interval");
        }
    }
}
