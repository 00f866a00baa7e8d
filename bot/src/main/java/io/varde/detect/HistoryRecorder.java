package io.varde.detect;

import io.varde.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    private final CheckHistory history;
    private final ConcurrentLinkedQueue<CheckResult> queue = new ConcurrentLinkedQueue<>();
    private Instant lastPrune = Instant.MIN;
    private Instant lastFlush = Instant.MIN;

    public HistoryRecorder(CheckHistory history) {
        this.history = history;
    }

    /** Queues a result; cheap, called on probe threads. */
    public void add(CheckResult result) {
        queue.add(result);
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
            batch.add(r);
        }
        if (!batch.isEmpty()) {
            try {
                history.record(batch);
            } catch (RuntimeException e) {
                queue.addAll(batch);
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
