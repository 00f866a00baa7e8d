package io.varde.chat.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The verified request signatures seen within the replay window, so a request sent again is
 * recognised. Each is kept until its request would be refused as stale anyway (its own timestamp
 * plus the window), then forgotten. In memory, per process: instances that share the work (a
 * cluster) would each accept a request once, so there the memory must be shared (the database).
 * <p>
 * Bounded: at most {@code capacity} signatures. Only verified requests are remembered, so this
 * is Slack's own traffic; when it is full all the same, the signature that would expire first is
 * forgotten early (a replay of it within its last moments would be run), and {@link #evictions}
 * counts those. Thread-safe.
 */
final class ReplayWindow {

    private record Entry(long expiresAtMillis, String signature) {
    }

    private final int capacity;
    private final Map<String, Long> expiries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(
            (a, b) -> Long.compare(a.expiresAtMillis(), b.expiresAtMillis()));
    private long evictions;

    ReplayWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers {@code signature} until {@code expiresAtMillis} (inclusive).
     *
     * @return false when it was seen before and has not expired at {@code nowMillis}: a replay
     */
    synchronized boolean firstSeen(String signature, long expiresAtMillis, long nowMillis) {
        forgetExpired(nowMillis);
        if (expiries.containsKey(signature)) {
            return false;
        }
        if (expiries.size() >= capacity) {
            Entry soonest = byExpiry.poll();
            expiries.remove(soonest.signature());
            evictions++;
        }
        expiries.put(signature, expiresAtMillis);
        byExpiry.add(new Entry(expiresAtMillis, signature));
        return true;
    }

    /** How many signatures are remembered at {@code nowMillis}. */
    synchronized int size(long nowMillis) {
        forgetExpired(nowMillis);
        return expiries.size();
    }

    /** How many were forgotten before their time because the window was full. */
    synchronized long evictions() {
        return evictions;
    }

    private void forgetExpired(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMillis() < nowMillis) {
            expiries.remove(byExpiry.poll().signature());
        }
    }
}
