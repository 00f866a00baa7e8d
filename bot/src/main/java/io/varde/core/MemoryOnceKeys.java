package io.varde.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@link OnceKeys} in this process's memory: each key kept until it expires (inclusive), then
 * forgotten. Enough for a single node; processes that share the work (a cluster) must share the
 * memory instead (the database), or each would accept a key once.
 * <p>
 * Bounded: at most {@code capacity} keys. When it is full all the same, the key that would expire
 * first is forgotten early (the same key offered within its last moments would be taken as new),
 * and {@link #evictions} counts those, so a caller can say so. Thread-safe.
 */
public final class MemoryOnceKeys implements OnceKeys {

    private record Entry(Instant expiresAt, String key) {
    }

    private final int capacity;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(
            (a, b) -> a.expiresAt().compareTo(b.expiresAt()));
    private long evictions;

    /** @param capacity the most keys remembered at once, at least 1 */
    public MemoryOnceKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean first(String key, Instant expiresAt, Instant now) {
        forgetExpired(now);
        if (expiries.containsKey(key)) {
            return false;
        }
        if (expiries.size() >= capacity) {
            Entry soonest = byExpiry.poll();
            expiries.remove(soonest.key());
            evictions++;
        }
        expiries.put(key, expiresAt);
        byExpiry.add(new Entry(expiresAt, key));
        return true;
    }

    /** How many keys are remembered at {@code now}. */
    public synchronized int size(Instant now) {
        forgetExpired(now);
        return expiries.size();
    }

    /** The most keys remembered at once. */
    public int capacity() {
        return capacity;
    }

    /** How many keys were forgotten before their time because the memory was full. */
    public synchronized long evictions() {
        return evictions;
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt().isBefore(now)) {
            expiries.remove(byExpiry.poll().key());
        }
    }
}
