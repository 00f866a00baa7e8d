package io.varde.detect;

import io.varde.check.CheckResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@link #SIZE} checks of each target, in memory: what the status page's sparklines
 * show, so that drawing them for every target costs no database query. Fed every check result;
 * thread-safe (results arrive on probe threads, the web reads on its own). Empty after a start
 * until checks run: readers fall back to the stored history.
 */
public final class RecentChecks {

    /** Checks kept per target. */
    public static final int SIZE = 30;

    private final Map<String, Deque<CheckHistory.Sample>> byTarget = new ConcurrentHashMap<>();

    public void add(CheckResult r) {
        Deque<CheckHistory.Sample> q = byTarget.computeIfAbsent(r.targetId(), k -> new ArrayDeque<>(SIZE + 1));
        CheckHistory.Sample s = new CheckHistory.Sample(r.at(), r.outcome(), r.responseTime().toMillis());
        synchronized (q) {
            q.addLast(s);
            if (q.size() > SIZE) {
                q.removeFirst();
            }
        }
    }

    /** The last checks of {@code targetId}, oldest first; at most {@link #SIZE}. */
    public List<CheckHistory.Sample> of(String targetId) {
        Deque<CheckHistory.Sample> q = byTarget.get(targetId);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return List.copyOf(q);
        }
    }
}
