package io.varde.cluster;

import java.util.Map;
import java.util.Set;

/**
 * The fair share of check shards a node may hold, from what Quartz's tables say (which nodes
 * checked in lately, which node runs which shard job). Pure. With {@code S} shards over {@code L}
 * live nodes every node holds {@code floor(S/L)} or {@code ceil(S/L)}: a node takes a shard only
 * below the ceiling and, once at the floor, only when no live node is below it; a node above the
 * ceiling, or above the floor while another is below it, lets one go. So a node that joins gets its
 * share from the others, and one that dies leaves its shards to those below the ceiling.
 *
 * @param shards the number of shard jobs
 * @param live   the names of the nodes checked in lately, this one among them (at least 1)
 * @param held   shards held by each node (nodes holding none may be missing); a dead node's
 *               shards stay counted until Quartz recovers them
 */
public record ShardShare(int shards, Set<String> live, Map<String, Integer> held) {

    public ShardShare {
        if (shards < 1 || live.isEmpty()) {
            throw new IllegalArgumentException("shards and live nodes must be at least 1");
        }
        live = Set.copyOf(live);
        held = Map.copyOf(held);
    }

    /** The most shards one node should hold. */
    public int ceiling() {
        return (shards + live.size() - 1) / live.size();
    }

    /** The fewest shards one node should hold. */
    public int floor() {
        return shards / live.size();
    }

    private int of(String node) {
        return held.getOrDefault(node, 0);
    }

    /** True when some live node other than {@code node} holds fewer than the floor. */
    private boolean anotherBelowFloor(String node) {
        for (String n : live) {
            if (!n.equals(node) && of(n) < floor()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node}, holding {@code mine} now (its own count, fresher than {@link #held}), may take one more. */
    public boolean mayTake(String node, int mine) {
        if (mine >= ceiling()) {
            return false;
        }
        return mine < floor() || !anotherBelowFloor(node);
    }

    /** How many shards {@code node}, holding {@code mine}, should let go now (0 or more). */
    public int toRelease(String node, int mine) {
        if (mine > ceiling()) {
            return mine - ceiling();
        }
        return mine > floor() && anotherBelowFloor(node) ? 1 : 0;
    }
}
