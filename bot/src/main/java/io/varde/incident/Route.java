package io.varde.incident;

import io.varde.core.Matchers;
import io.varde.core.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where incidents with certain labels and severity go, from {@code rules/team.yaml}.
 *
 * @param name        for logs and the incident record
 * @param matchers    labels an incident must match (empty: any)
 * @param minSeverity the least severe incident it takes (CRITICAL takes only CRITICAL)
 * @param channels    channels that get the incident's messages from the start
 * @param policy      escalation policy name, or null for none
 * @param groupBy     label names whose values group targets into one incident; empty: one
 *                    incident per target
 * @param remindEvery how often to remind while open and unacknowledged, or null for never
 */
public record Route(String name, Matchers matchers, Severity minSeverity, List<String> channels,
                    String policy, List<String> groupBy, Duration remindEvery) {

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matchers, "matchers");
        Objects.requireNonNull(minSeverity, "minSeverity");
        channels = List.copyOf(channels);
        groupBy = List.copyOf(groupBy);
    }

    /** True when an incident with these labels and severity goes this way. */
    public boolean accepts(io.varde.core.Labels labels, Severity severity) {
        return severity.compareTo(minSeverity) <= 0 && matchers.matches(labels);
    }
}
