package io.varde.intel;

import java.util.Objects;
import java.util.Set;

/**
 * A monitored target on a task list.
 *
 * @param targetId the target
 * @param match    the tasked host that hits it, and why
 * @param paths    the attacked paths of the hosts that hit it ({@code ""} is the home page)
 */
public record TaskedTarget(String targetId, ClaimMatch match, Set<String> paths) {

    public TaskedTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(match, "match");
        paths = Set.copyOf(paths);
    }
}
