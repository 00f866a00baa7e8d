package io.varde.intel;

import io.varde.check.Target;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IP addresses each target was seen to resolve to, from its checks, and a {@link TargetIndex}
 * that matches claims on those IPs too (DDoSia lists name the IP they attack). Keeps the last
 * {@link #PER_TARGET} distinct addresses per target (CDNs rotate); the index is rebuilt only when
 * an address is new. Thread-safe: checks report from probe threads, intel reads from others.
 */
public final class ResolvedIps {

    /** Addresses remembered per target. */
    public static final int PER_TARGET = 8;

    private final List<Target> targets;
    private final Map<String, Deque<String>> seen = new HashMap<>();
    private TargetIndex index;

    public ResolvedIps(List<Target> targets) {
        this.targets = List.copyOf(targets);
        this.index = TargetIndex.of(this.targets);
    }

    /** Records that {@code targetId} answered from {@code ip} (ignored when null or empty). */
    public synchronized void seen(String targetId, String ip) {
        if (ip == null || ip.isEmpty()) {
            return;
        }
        Deque<String> ips = seen.computeIfAbsent(targetId, k -> new ArrayDeque<>());
        if (ips.contains(ip)) {
            return;
        }
        ips.addLast(ip);
        if (ips.size() > PER_TARGET) {
            ips.removeFirst();
        }
        index = null;
    }

    /** The index of the targets with the addresses seen so far. */
    public synchronized TargetIndex index() {
        if (index == null) {
            Map<String, Set<String>> ips = new HashMap<>();
            seen.forEach((id, list) -> ips.put(id, new LinkedHashSet<>(list)));
            index = TargetIndex.of(targets, ips);
        }
        return index;
    }
}
