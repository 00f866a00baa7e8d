package io.varde.intel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two consecutive task lists.
 *
 * @param added    hosts tasked now and not before
 * @param removed  hosts no longer tasked
 * @param newPaths for hosts tasked in both, the attacked paths that are new
 * @param dropped  for hosts tasked in both, the paths no longer attacked
 */
public record TaskListDiff(Set<String> added, Set<String> removed, Map<String, Set<String>> newPaths,
                           Map<String, Set<String>> dropped) {

    public TaskListDiff {
        added = Collections.unmodifiableSet(new TreeSet<>(added));
        removed = Collections.unmodifiableSet(new TreeSet<>(removed));
        newPaths = Map.copyOf(newPaths);
        dropped = Map.copyOf(dropped);
    }

    /**
     * The difference from {@code previous} to {@code next}, hosts compared as {@link HostNames}
     * reads them ({@code WWW.TRM.DK.} and {@code www.trm.dk/www.trm.dk} are {@code www.trm.dk});
     * host fields it refuses are left out.
     */
    public static TaskListDiff between(TaskList previous, TaskList next) {
        return between(previous, next, TaskListDiff::normalised);
    }

    /** The normalised host of a raw host field, or null when it cannot be read. */
    static String normalised(String raw) {
        return HostNames.normalise(raw) instanceof HostReading.Read read ? read.host().host() : null;
    }

    /**
     * The difference from {@code previous} to {@code next}, hosts compared by {@code key} (a
     * normalised host; a null key leaves the row out, e.g. an unreadable host field).
     */
    public static TaskListDiff between(TaskList previous, TaskList next, Function<String, String> key) {
        return between(previous.pathsByHost(key), next.pathsByHost(key));
    }

    /** The difference between two lists given as attacked paths by host (see {@link TaskList#pathsByHost}). */
    public static TaskListDiff between(Map<String, Set<String>> before, Map<String, Set<String>> after) {
        Set<String> added = new LinkedHashSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new LinkedHashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Map<String, Set<String>> newPaths = new LinkedHashMap<>();
        Map<String, Set<String>> dropped = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : after.entrySet()) {
            Set<String> old = before.get(e.getKey());
            if (old != null) {
                difference(e.getValue(), old).ifPresent(d -> newPaths.put(e.getKey(), d));
                difference(old, e.getValue()).ifPresent(d -> dropped.put(e.getKey(), d));
            }
        }
        return new TaskListDiff(added, removed, newPaths, dropped);
    }

    private static Optional<Set<String>> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableSet(d));
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && newPaths.isEmpty() && dropped.isEmpty();
    }
}
