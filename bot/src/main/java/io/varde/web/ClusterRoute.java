package io.varde.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.cluster.ClusterView;
import io.varde.cluster.Lease;
import io.varde.cluster.NodeRecord;
import io.varde.cluster.NodeState;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/cluster}: who coordinates since when, and every node with its version, start,
 * last heartbeat and state ({@code live}, {@code lost}, {@code stopped}), read from the database,
 * so every node answers the same. {@code coordinator} is null while no node holds a valid lease
 * (between a coordinator's death and its replacement). In a cluster each node lists the check
 * shards it runs ({@code shards}, Quartz's clustered job store); alone, the coordinator checks
 * {@code all}. 503 when the database does not answer.
 */
public final class ClusterRoute {

    private ClusterRoute() {
    }

    public static Route of(Supplier<ClusterView> view, String self) {
        return Route.get("/api/cluster", r -> {
            ClusterView v;
            try {
                v = view.get();
            } catch (RuntimeException e) {
                return Response.error(503, "the database does not answer: the cluster cannot be read");
            }
            return Response.json(200, json(v, self)).withHeader("Cache-Control", "no-store");
        });
    }

    static ObjectNode json(ClusterView v, String self) {
        ObjectNode o = WebJson.MAPPER.createObjectNode();
        Optional<Lease> lease = v.coordinator().filter(l -> l.validAt(v.now()));
        o.put("coordinator", lease.map(Lease::holder).orElse(null));
        if (lease.isPresent()) {
            o.put("epoch", lease.get().epoch());
            o.put("since", ApiJson.time(lease.get().since()));
        } else {
            o.putNull("epoch");
            o.putNull("since");
        }
        o.put("answered_by", self);
        o.put("now", ApiJson.time(v.now()));
        ArrayNode nodes = o.putArray("nodes");
        for (NodeRecord n : v.nodes()) {
            boolean coordinates = lease.filter(l -> l.heldBy(n.name())).isPresent();
            ObjectNode node = nodes.addObject()
                    .put("name", n.name())
                    .put("version", n.version())
                    .put("started_at", ApiJson.time(n.startedAt()))
                    .put("heartbeat_at", ApiJson.time(n.heartbeatAt()))
                    .put("state", NodeState.of(n, v.now()).word())
                    .put("coordinator", coordinates)
                    .put("checks", v.sharded() ? v.shardsOf(n.name()).size() + " shards"
                            : coordinates ? "all" : "none");
            ArrayNode shards = node.putArray("shards");
            v.shardsOf(n.name()).forEach(shards::add);
        }
        return o;
    }
}
