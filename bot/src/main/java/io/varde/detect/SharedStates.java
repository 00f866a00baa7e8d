package io.varde.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Publishes the states this node's checks see, for the nodes that do not check those targets
 * ({@link StatusBoard#shared}): every {@link #EVERY}, the targets whose state, flapping or problem
 * changed since they were last published, and each of the others at least every {@link #REFRESH}
 * (so their last check time stays fresh without writing every target every few seconds).
 * Time is an input; called from one thread.
 */
public final class SharedStates {

    /** How often a pass runs. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** A target unchanged is published again after this long. */
    public static final Duration REFRESH = Duration.ofSeconds(30);

    private record Published(TargetReport report, Instant at) {
    }

    private final StatusBoard board;
    private final ReportStore store;
    private final String node;
    private final Map<String, Published> last = new HashMap<>();
    private Instant lastPass;

    private final Predicate<String> mine;

    /** Publishes only the targets {@code mine} accepts now (those of the shards this node checks). */
    public SharedStates(StatusBoard board, ReportStore store, String node, Predicate<String> mine) {
        this.board = board;
        this.store = store;
        this.node = node;
        this.mine = mine;
    }

    /** Publishes what is due when a pass is due; returns how many targets it wrote. */
    public int publishIfDue(Instant now) {
        if (lastPass != null && now.isBefore(lastPass.plus(EVERY))) {
            return 0;
        }
        lastPass = now;
        List<TargetReport> due = new ArrayList<>();
        for (TargetReport r : board.states(now)) {
            if (!mine.test(r.target().id())) {
                last.remove(r.target().id()); // published afresh when it is this node's again
                continue;
            }
            Published p = last.get(r.target().id());
            if (p == null || changed(p.report(), r) || !now.isBefore(p.at().plus(REFRESH))) {
                due.add(r);
            }
        }
        if (!due.isEmpty()) {
            store.publish(node, due, now);
            due.forEach(r -> last.put(r.target().id(), new Published(r, now)));
        }
        return due.size();
    }

    private static boolean changed(TargetReport a, TargetReport b) {
        return a.state() != b.state() || !Objects.equals(a.since(), b.since()) || a.flapping() != b.flapping()
                || !Objects.equals(a.problem(), b.problem());
    }
}
