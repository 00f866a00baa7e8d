package io.varde.intel;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Varde keeps of one task list it read: enough to compare the next list with it after a
 * restart, and to say which monitored targets it tasks.
 *
 * @param source      the task list source's name from {@code rules/intel.yaml}
 * @param observedAt  when the list was taken
 * @param pathsByHost attacked paths by normalised host (unreadable host fields left out)
 * @param tasks       how many request templates it had
 * @param skipped     how many rows or host fields could not be read
 * @param matches     the monitored targets it tasks, each with the host that hit it and why
 */
public record TaskListSnapshot(String source, Instant observedAt, Map<String, Set<String>> pathsByHost,
                               int tasks, int skipped, List<ClaimMatch> matches) {

    public TaskListSnapshot {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        pathsByHost.forEach((h, p) -> copy.put(h, Set.copyOf(p)));
        pathsByHost = Collections.unmodifiableMap(copy);
        matches = List.copyOf(matches);
    }

    /** The ids of the targets it tasks. */
    public List<String> targetIds() {
        return matches.stream().map(ClaimMatch::targetId).toList();
    }
}
