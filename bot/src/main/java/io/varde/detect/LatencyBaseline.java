package io.varde.detect;

import java.util.Arrays;

/**
 * A target's normal response time: the median of its last {@value #SIZE} good checks. Only good
 * (OK) checks feed it, so a slow spell under attack does not become the new normal. Immutable.
 */
public final class LatencyBaseline {

    /** Samples kept. */
    static final int SIZE = 32;
    /** Samples needed before the baseline is trusted. */
    static final int MIN_SAMPLES = 10;

    private static final LatencyBaseline EMPTY = new LatencyBaseline(new long[0], 0);

    private final long[] samples;
    private final int next;

    private LatencyBaseline(long[] samples, int next) {
        this.samples = samples;
        this.next = next;
    }

    public static LatencyBaseline empty() {
        return EMPTY;
    }

    /** A baseline with {@code millis} added, dropping the oldest sample when full. */
    public LatencyBaseline with(long millis) {
        long[] copy;
        if (samples.length < SIZE) {
            copy = Arrays.copyOf(samples, samples.length + 1);
            copy[samples.length] = millis;
            return new LatencyBaseline(copy, 0);
        }
        copy = samples.clone();
        copy[next] = millis;
        return new LatencyBaseline(copy, (next + 1) % SIZE);
    }

    public int size() {
        return samples.length;
    }

    /** The median in milliseconds, or -1 with fewer than {@value #MIN_SAMPLES} samples. */
    public long median() {
        if (samples.length < MIN_SAMPLES) {
            return -1;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * True when {@code millis} is more than {@code factor} times the median and at least
     * {@code floorMillis}. Always false while the baseline has too few samples or factor is 0.
     */
    public boolean isSlow(long millis, double factor, long floorMillis) {
        if (factor <= 0 || millis < floorMillis) {
            return false;
        }
        long median = median();
        return median >= 0 && millis > median * factor;
    }
}
