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
 * @param groupWait   how long a new incident of a site that a campaign rule could take over is
 *                    held back before it is announced, so that a campaign forming meanwhile
 *                    announces it instead (Alertmanager's {@code group_wait}); zero: never held
 * @param threadInterval the slot of the thread digest: member changes of an incident (sites
 *                    joining, recovering) are told in one thread reply per slot at most; zero:
 *                    each at once
 */
public record Route(String name, Matchers matchers, Severity minSeverity, List<String> channels,
                    String policy, List<String> groupBy, Duration remindEvery, Duration groupWait,
                    Duration threadInterval) {

    /** The default {@code group-wait}. */
    public static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    /** The default {@code thread-interval}. */
    public static final Duration THREAD_INTERVAL = Duration.ofSeconds(30);

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matchers, "matchers");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(groupWait, "groupWait");
        Objects.requireNonNull(threadInterval, "threadInterval");
        channels = List.copyOf(channels);
        groupBy = List.copyOf(groupBy);
    }

    /** A route with the default group wait and thread interval. */
    public Route(String name, Matchers matchers, Severity minSeverity, List<String> channels,
                 String policy, List<String> groupBy, Duration remindEvery) {
        this(name, matchers, minSeverity, channels, policy, groupBy, remindEvery, GROUP_WAIT, THREAD_INTERVAL);
    }

    /** This route sending to {@code newChannels} instead. */
    public Route withChannels(List<String> newChannels) {
        return new Route(name, matchers, minSeverity, newChannels, policy, groupBy, remindEvery, groupWait,
                threadInterval);
    }

    /** True when an incident with these labels and severity goes this way. */
    public boolean accepts(io.varde.core.Labels labels, Severity severity) {
        return severity.compareTo(minSeverity) <= 0 && matchers.matches(labels);
    }
}
