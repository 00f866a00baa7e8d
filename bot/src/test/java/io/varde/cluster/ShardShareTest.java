package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shards spread evenly: every node ends between the floor and the ceiling of shards / nodes. */
class ShardShareTest {

    @Test
    void aLoneNodeTakesEveryShard() {
        ShardShare share = new ShardShare(16, Set.of("a"), Map.of("a", 15));
        assertThat(share.mayTake("a", 15)).isTrue();
        assertThat(share.mayTake("a", 16)).isFalse();
        assertThat(share.toRelease("a", 16)).isZero();
    }

    @Test
    void aNodeThatJoinsGetsItsShareFromTheOthers() {
        ShardShare share = new ShardShare(16, Set.of("a", "b"), Map.of("a", 16));
        assertThat(share.toRelease("a", 16)).as("above the ceiling of 8").isEqualTo(8);
        assertThat(share.mayTake("b", 0)).isTrue();
        assertThat(share.mayTake("a", 8)).as("at the floor while b is below it").isFalse();
    }

    @Test
    void aboveTheFloorWhileAnotherIsBelowItOneShardIsLetGo() {
        // 16 over 3: floor 5, ceiling 6; 6 + 6 + 4 is not even.
        ShardShare share = new ShardShare(16, Set.of("a", "b", "c"), Map.of("a", 6, "b", 6, "c", 4));
        assertThat(share.toRelease("a", 6)).isEqualTo(1);
        assertThat(share.mayTake("c", 4)).isTrue();
        assertThat(share.mayTake("a", 5)).as("c is still below the floor").isFalse();
        ShardShare settled = new ShardShare(16, Set.of("a", "b", "c"), Map.of("a", 6, "b", 5, "c", 5));
        assertThat(settled.toRelease("a", 6)).isZero();
        assertThat(settled.mayTake("b", 5)).as("one left over goes to whoever is below the ceiling").isTrue();
    }

    @Test
    void aDeadNodesShardsGoToTheLiveOnesUpToTheirCeiling() {
        // c died: Quartz still lists its shards until it recovers them; only a and b are live.
        ShardShare share = new ShardShare(12, Set.of("a", "b"), Map.of("a", 4, "b", 4, "c", 4));
        assertThat(share.mayTake("a", 4)).isTrue();
        assertThat(share.mayTake("a", 6)).isFalse();
    }

    /** Simulates nodes taking and letting go until nothing moves: always within floor..ceiling. */
    @Test
    void anyNumberOfNodesSettlesEvenly() {
        for (int shards : new int[] {16, 60}) {
            for (int nodes = 1; nodes <= 5; nodes++) {
                Map<String, Integer> held = new HashMap<>();
                Set<String> live = new LinkedHashSet<>();
                for (int i = 0; i < nodes; i++) {
                    live.add("n" + i);
                }
                held.put("n0", shards); // the first node started alone
                for (int round = 0; round < 200; round++) {
                    int free = shards - held.values().stream().mapToInt(Integer::intValue).sum();
                    for (String n : live) {
                        ShardShare share = new ShardShare(shards, live, held);
                        int mine = held.getOrDefault(n, 0);
                        int release = share.toRelease(n, mine);
                        held.put(n, mine - release);
                        free += release;
                        if (free > 0 && new ShardShare(shards, live, held).mayTake(n, held.get(n))) {
                            held.merge(n, 1, Integer::sum);
                            free--;
                        }
                    }
                }
                int floor = shards / nodes;
                int ceiling = (shards + nodes - 1) / nodes;
                assertThat(held.values().stream().mapToInt(Integer::intValue).sum()).as("all held").isEqualTo(shards);
                assertThat(held.values()).as(shards + " shards over " + nodes + " nodes")
                        .allSatisfy(h -> assertThat(h).isBetween(floor, ceiling));
            }
        }
    }
}
