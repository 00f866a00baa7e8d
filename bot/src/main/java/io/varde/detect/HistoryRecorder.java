package io.varde.detect;

import io.varde.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects check results from the probe threads and stores them in batches every {@link
 * #FLUSH_EVERY}, and prunes what is older than the retention about once an hour. Fewer, larger
 * commits keep the embedded database's file from growing with every commit (see
 * docs/BENCHMARKS.md). A crash loses at most the results of one flush interval; a clean stop
 * flushes; incidents, mutes and notifications are stored at once elsewhere.
 */
public final class HistoryRecorder {

    /** Raw results kept: enough for the latency sparkline and status of the last day. */
    public static final Duration RAW_RETENTION = Duration.ofHours(48);
    /** Hourly roll-ups kept: 7 days of uptime and latency, plus a day of margin. */
    public static final Duration HOURLY_RETENTION = Duration.ofDays(8);

    /** How often queued results are stored. */
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(10);

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /**
     * The most results kept waiting while the database is away: 5 minutes of 10,000 targets at
     * 30 s (about 30 MB); beyond it the oldest are dropped and counted ({@link #dropped}).
     */
    public static final int MAX_QUEUED = 100_000;

    private final CheckHistory history;
    private final ConcurrentLinkedQueue<CheckResult> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int max;
    private Instant lastPrune = Instant.MIN;
    private Instant lastFlush = Instant.MIN;

    public HistoryRecorder(CheckHistory history) {
        this(history, MAX_QUEUED);
    }

    /** @param max the most results kept waiting (see {@link #MAX_QUEUED}) */
    public HistoryRecorder(CheckHistory history, int max) {
        this.history = history;
        this.max = max;
    }

    /** Queues a result, dropping the oldest waiting one when {@code max} wait; cheap, called on probe threads. */
    public void add(CheckResult result) {
        queue.add(result);
        if (queued.incrementAndGet() > max && queue.poll() != null) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /** Results dropped unstored because too many waited (the database was away for long). */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stores what is queued when {@link #FLUSH_EVERY} has passed since the last time, and prunes
     * when an hour has; returns the count stored. Called every second by the sweep.
     */
    public synchronized int flushIfDue(Instant now) {
        if (!lastFlush.equals(Instant.MIN) && Duration.between(lastFlush, now).compareTo(FLUSH_EVERY) < 0) {
            return 0;
        }
        return flush(now);
    }

    /** Stores everything queued in one batch now, and prunes when an hour has passed; returns the count stored. */
    public synchronized int flush(Instant now) {
        lastFlush = now;
        List<CheckResult> batch = new ArrayList<>();
        for (CheckResult r = queue.poll(); r != null; r = queue.poll()) {
            queued.decrementAndGet();
            batch.add(r);
        }
        if (!batch.isEmpty()) {
            try {
                history.record(batch);
            } catch (RuntimeException e) {
                // Back in front of what came meanwhile would reorder nothing that matters (rows
                // carry their times); back at the end, within the bound.
                batch.forEach(this::add);
                throw e;
            }
        }
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0 || lastPrune.equals(Instant.MIN)) {
            history.prune(now.minus(RAW_RETENTION), now.minus(HOURLY_RETENTION));
            lastPrune = now;
        }
        return batch.size();
    }
}
