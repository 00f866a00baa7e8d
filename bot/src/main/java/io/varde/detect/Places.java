package io.varde.detect;

import io.varde.check.Location;
import io.varde.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The locations of a {@link Monitor}, for targets checked from several: which have stopped
 * reporting (lost) and which fail most of their targets while the others do not (a problem of
 * their own). Not thread-safe: the monitor's lock guards it.
 */
final class Places {

    /** A location is lost after this many of its shortest target interval without a result ... */
    static final int LOST_AFTER_INTERVALS = 3;
    /** ... and never sooner than this (an agent restarting, a server busy with a batch). */
    static final Duration LOST_AFTER_AT_LEAST = Duration.ofSeconds(30);
    /** A location is judged for a problem of its own only with at least this many targets decided. */
    static final int PROBLEM_MIN_TARGETS = 5;

    final List<Location> all;
    private final Map<String, Integer> index = new HashMap<>();
    private final Duration[] lostAfter;
    private final Instant[] lastSeen;
    private final boolean[] lost;
    private final boolean[] problem;
    private final int[] failing;
    private final int[] decided;

    Places(List<Location> locations, List<Target> targets) {
        this.all = List.copyOf(locations);
        int n = all.size();
        lostAfter = new Duration[n];
        lastSeen = new Instant[n];
        lost = new boolean[n];
        problem = new boolean[n];
        failing = new int[n];
        decided = new int[n];
        for (int i = 0; i < n; i++) {
            index.put(all.get(i).name(), i);
        }
        for (Target t : targets) {
            for (int i = 0; i < n; i++) {
                if (t.vantage().includes(all.get(i).name())) {
                    Duration d = t.interval().multipliedBy(LOST_AFTER_INTERVALS);
                    d = d.compareTo(LOST_AFTER_AT_LEAST) < 0 ? LOST_AFTER_AT_LEAST : d;
                    lostAfter[i] = lostAfter[i] == null || d.compareTo(lostAfter[i]) < 0 ? d : lostAfter[i];
                }
            }
        }
    }

    /** The index of {@code name}, or -1. */
    int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    Location get(int i) {
        return all.get(i);
    }

    /** The locations that check {@code t}, as indexes. */
    int[] of(Target t) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (t.vantage().includes(all.get(i).name())) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean lost(int i) {
        return lost[i];
    }

    boolean problem(int i) {
        return problem[i];
    }

    /** Notes a result of location {@code i}; true when it was lost (it is back now). */
    boolean seen(int i, Instant now) {
        lastSeen[i] = now;
        if (lost[i]) {
            lost[i] = false;
            return true;
        }
        return false;
    }

    /** Starts the clocks of agents that never reported (at the monitor's first tick). */
    void start(Instant now) {
        for (int i = 0; i < all.size(); i++) {
            if (lastSeen[i] == null) {
                lastSeen[i] = now;
            }
        }
    }

    /**
     * The agents that have just become lost: no result for {@link #LOST_AFTER_INTERVALS} of their
     * shortest interval, and at least {@link #LOST_AFTER_AT_LEAST}.
     */
    List<Integer> newlyLost(Instant now) {
        List<Integer> out = new ArrayList<>(0);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).agent() && !lost[i] && lastSeen[i] != null && lostAfter[i] != null
                    && Duration.between(lastSeen[i], now).compareTo(lostAfter[i]) > 0) {
                lost[i] = true;
                out.add(i);
            }
        }
        return out;
    }

    Instant lastSeen(int i) {
        return lastSeen[i];
    }

    /** Counts a change of one target's state at location {@code i}. */
    void counted(int i, TargetState before, TargetState after) {
        decided[i] += (after != TargetState.UNKNOWN ? 1 : 0) - (before != TargetState.UNKNOWN ? 1 : 0);
        failing[i] += (fails(after) ? 1 : 0) - (fails(before) ? 1 : 0);
    }

    /**
     * Re-decides which locations have a problem of their own: more than half of their decided
     * targets failing while some other reporting location fails less than half as many (in
     * share). Returns the locations whose verdict changed.
     */
    List<Integer> reconsider() {
        List<Integer> changed = new ArrayList<>(0);
        for (int i = 0; i < all.size(); i++) {
            boolean now = hasProblem(i);
            if (now != problem[i]) {
                problem[i] = now;
                changed.add(i);
            }
        }
        return changed;
    }

    /** e.g. {@code fails 9 of 10 targets}. */
    String failingText(int i) {
        return "fails " + failing[i] + " of " + decided[i] + " targets";
    }

    private boolean hasProblem(int i) {
        if (all.size() < 2 || lost[i] || decided[i] < PROBLEM_MIN_TARGETS || failing[i] * 2 <= decided[i]) {
            return false;
        }
        double share = (double) failing[i] / decided[i];
        for (int j = 0; j < all.size(); j++) {
            if (j != i && !lost[j] && decided[j] >= PROBLEM_MIN_TARGETS
                    && (double) failing[j] / decided[j] < share / 2) {
                return true;
            }
        }
        return false;
    }

    static boolean fails(TargetState s) {
        return s == TargetState.DOWN || s == TargetState.MITIGATED;
    }
}
