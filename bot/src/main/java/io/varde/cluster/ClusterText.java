package io.varde.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The cluster as {@code varde ctl cluster} prints it: who coordinates since when, then each node. */
public final class ClusterText {

    private ClusterText() {
    }

    public static List<String> lines(ClusterView view) {
        List<String> out = new ArrayList<>();
        out.add(view.coordinator().filter(l -> l.validAt(view.now()))
                .map(l -> "Coordinator: " + l.holder() + " since " + l.since() + " (epoch " + l.epoch() + ")")
                .orElse("Coordinator: none (the lease is free; a node takes it within "
                        + Coordination.RENEW_EVERY.toSeconds() + " s)"));
        out.add(view.nodes().size() + (view.nodes().size() == 1 ? " node:" : " nodes:"));
        for (NodeRecord n : view.nodes()) {
            boolean coordinates = view.coordinator().filter(l -> l.validAt(view.now()) && l.heldBy(n.name())).isPresent();
            out.add("  " + n.name() + "  " + NodeState.of(n, view.now()).word()
                    + (coordinates ? "  coordinator" : "")
                    + "  version " + (n.version() == null ? "?" : n.version())
                    + "  started " + n.startedAt()
                    + "  last heartbeat " + ago(n.heartbeatAt(), view.now())
                    + (view.sharded() ? "  " + shards(view.shardsOf(n.name())) : ""));
        }
        return out;
    }

    private static String shards(List<Integer> shards) {
        if (shards.isEmpty()) {
            return "checks no shard";
        }
        StringBuilder b = new StringBuilder("checks " + shards.size() + (shards.size() == 1 ? " shard (" : " shards ("));
        for (int i = 0; i < shards.size(); i++) {
            b.append(i == 0 ? "" : ",").append(shards.get(i));
        }
        return b.append(')').toString();
    }

    private static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        return d.isNegative() ? "now" : d.toSeconds() + " s ago";
    }
}
