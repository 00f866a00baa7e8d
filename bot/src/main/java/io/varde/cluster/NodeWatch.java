package io.varde.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the coordinator makes of the node table (pure; the database's clock): a node lost without
 * an open notice gets one; a noticed node that heartbeats again, stopped cleanly, or was replaced
 * by a newer process on the same host (a default name, {@code host-pid}, changes with the pid)
 * gets its notice resolved; a node silent or stopped for {@link #FORGET_AFTER} is removed from the
 * table, so that nodes that came and went do not pile up.
 */
public final class NodeWatch {

    /** Nodes silent or stopped this long are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final Pattern PID = Pattern.compile("-[0-9]+$");

    /** What to do about one node. */
    public sealed interface Action {
        String node();
    }

    /** Open the lost notice of {@code node}. */
    public record Lost(String node, Instant lastHeartbeat) implements Action {
    }

    /** Resolve the lost notice of {@code node}: it {@code how}. */
    public record Back(String node, String how) implements Action {
    }

    /** Remove {@code node} from the table. */
    public record Forget(String node) implements Action {
    }

    private NodeWatch() {
    }

    /**
     * When the coordinator may judge: only after it has read the node table without a gap for
     * {@link NodeState#LOST_AFTER}. A coordinator that was cut off from the database itself (an
     * outage) or has just taken over would otherwise see every other node's last heartbeat from
     * before the gap and call them all lost; after the gap they have heartbeat again. Time is an
     * input; one caller.
     */
    public static final class Gate {

        private final Duration gap;
        private Instant last;
        private Instant since;

        /** @param every how often the coordinator reads the table; two missed reads are a gap */
        public Gate(Duration every) {
            this.gap = every.multipliedBy(2).plusSeconds(1);
        }

        /** A read of the table succeeded at {@code now}: true when the coordinator may judge on it. */
        public boolean read(Instant now) {
            if (last == null || now.isAfter(last.plus(gap))) {
                since = now;
            }
            last = now;
            return !now.isBefore(since.plus(NodeState.LOST_AFTER));
        }
    }

    /**
     * @param self    the coordinator (never lost to itself)
     * @param noticed nodes with an open lost notice
     */
    public static List<Action> actions(ClusterView view, String self, Set<String> noticed) {
        Instant now = view.now();
        Map<String, NodeRecord> byName = new HashMap<>();
        view.nodes().forEach(n -> byName.put(n.name(), n));
        List<Action> out = new ArrayList<>();
        for (NodeRecord n : view.nodes()) {
            if (n.name().equals(self)) {
                continue;
            }
            NodeState state = NodeState.of(n, now);
            Instant last = n.stoppedAt() != null ? n.stoppedAt() : n.heartbeatAt();
            if (state != NodeState.LIVE && !last.plus(FORGET_AFTER).isAfter(now)) {
                if (noticed.contains(n.name())) {
                    out.add(new Back(n.name(), "was forgotten after " + FORGET_AFTER.toHours() + " h without a heartbeat"));
                }
                out.add(new Forget(n.name()));
                continue;
            }
            NodeRecord successor = state == NodeState.LIVE ? null : successor(n, view.nodes(), now);
            if (noticed.contains(n.name())) {
                if (state == NodeState.LIVE) {
                    out.add(new Back(n.name(), "is back"));
                } else if (state == NodeState.STOPPED) {
                    out.add(new Back(n.name(), "stopped cleanly"));
                } else if (successor != null) {
                    out.add(new Back(n.name(), "was replaced by " + successor.name()));
                }
            } else if (state == NodeState.LOST && successor == null) {
                out.add(new Lost(n.name(), n.heartbeatAt()));
            }
        }
        for (String gone : noticed) {
            if (!byName.containsKey(gone)) {
                out.add(new Back(gone, "left the cluster"));
            }
        }
        return out;
    }

    /** A live node of the same host (name without its {@code -pid}) that started after {@code n} fell silent. */
    private static NodeRecord successor(NodeRecord n, List<NodeRecord> all, Instant now) {
        if (!PID.matcher(n.name()).find()) {
            return null;
        }
        String host = PID.matcher(n.name()).replaceFirst("");
        for (NodeRecord o : all) {
            if (!o.name().equals(n.name()) && PID.matcher(o.name()).replaceFirst("").equals(host)
                    && NodeState.of(o, now) == NodeState.LIVE && o.startedAt().isAfter(n.heartbeatAt())) {
                return o;
            }
        }
        return null;
    }
}
