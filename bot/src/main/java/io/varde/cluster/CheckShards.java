package io.varde.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who shares the check shards, as Quartz's clustered job store says (PostgreSQL, V9).
 *
 * @param live    the nodes whose Quartz checked in recently enough not to be recovered (Quartz's
 *                own rule: last check-in + check-in interval + 7.5 s is still ahead)
 * @param running the shards each node's Quartz runs now (executing shard jobs), sorted
 */
public record CheckShards(Set<String> live, Map<String, List<Integer>> running) {

    public CheckShards {
        live = Set.copyOf(live);
        running = Map.copyOf(running);
    }

    /** The shards {@code node} runs now; empty when none. */
    public List<Integer> of(String node) {
        return running.getOrDefault(node, List.of());
    }
}
