package io.varde.vantage;

import io.varde.check.CheckResult;
import io.varde.core.LogThrottle;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's results not yet accepted by the server, oldest first, at most {@code capacity}:
 * a result added to a full buffer drops the oldest, which is counted and reported with the next
 * batch ({@code dropped}) and logged (a line a minute at most). Adding never waits for the
 * network: the probe threads only take this object's lock for a moment. Thread-safe.
 */
final class ResultBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ResultBuffer.class);

    /** Results taken for one batch, and the drops not yet reported then. */
    record Taken(List<CheckResult> results, int dropped) {
    }

    private final int capacity;
    private final ArrayDeque<CheckResult> queue = new ArrayDeque<>();
    private final LogThrottle dropLines = new LogThrottle(Duration.ofMinutes(1));
    private long unreported;
    private long droppedTotal;
    private long droppedSinceLine;
    private int wakeAt = Integer.MAX_VALUE;
    private boolean woken;
    private final Clock clock;

    ResultBuffer(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Adds {@code result}, dropping the oldest when full; wakes a sender waiting for a batch. */
    void add(CheckResult result) {
        long total;
        long sinceLine;
        synchronized (this) {
            queue.addLast(result);
            int dropped = trim();
            if (queue.size() >= wakeAt) {
                notifyAll();
            }
            if (dropped == 0) {
                return;
            }
            total = droppedTotal;
            sinceLine = droppedSinceLine;
        }
        logDrops(total, sinceLine);
    }

    private void logDrops(long total, long sinceLine) {
        if (dropLines.pass(clock.millis()) >= 0) {
            synchronized (this) {
                droppedSinceLine = 0;
            }
            LOG.warn("event=buffer_dropped dropped={} dropped_total={} capacity={} reason=\"the server has not "
                    + "taken results for a while; the oldest are dropped\"", sinceLine, total, capacity);
        }
    }

    /** Drops the oldest beyond the capacity (lock held); how many. */
    private int trim() {
        int dropped = 0;
        while (queue.size() > capacity) {
            queue.pollFirst();
            dropped++;
        }
        unreported += dropped;
        droppedTotal += dropped;
        droppedSinceLine += dropped;
        return dropped;
    }

    /** Takes up to {@code n} of the oldest results, with the drops to report beside them. */
    synchronized Taken take(int n) {
        List<CheckResult> out = new ArrayList<>(Math.min(n, queue.size()));
        while (out.size() < n && !queue.isEmpty()) {
            out.add(queue.pollFirst());
        }
        return new Taken(out, (int) Math.min(Integer.MAX_VALUE, unreported));
    }

    /** The server took {@code taken}: its drops are reported. */
    synchronized void settled(Taken taken) {
        unreported = Math.max(0, unreported - taken.dropped());
    }

    /**
     * The server did not take {@code taken}: its results go back in front, in order, and the
     * oldest beyond the capacity (results added meanwhile took their room) are dropped.
     */
    void putBack(Taken taken) {
        long total;
        long sinceLine;
        synchronized (this) {
            List<CheckResult> r = taken.results();
            for (int i = r.size() - 1; i >= 0; i--) {
                queue.addFirst(r.get(i));
            }
            if (trim() == 0) {
                return;
            }
            total = droppedTotal;
            sinceLine = droppedSinceLine;
        }
        logDrops(total, sinceLine);
    }

    /**
     * Waits until at least {@code n} results are buffered, {@code millis} have passed, or
     * {@link #wake} is called; returns at once when {@code n} are there already.
     */
    synchronized void await(int n, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        wakeAt = n;
        try {
            for (long left = millis; queue.size() < n && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
                wait(left);
                if (woken) {
                    woken = false;
                    return;
                }
            }
        } finally {
            wakeAt = Integer.MAX_VALUE;
        }
    }

    /** Ends a wait in {@link #await} at once. */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    synchronized int size() {
        return queue.size();
    }

    /** Results dropped since the agent started. */
    synchronized long droppedTotal() {
        return droppedTotal;
    }
}
