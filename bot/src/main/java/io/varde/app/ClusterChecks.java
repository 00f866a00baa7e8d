package io.varde.app;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.check.Tightened;
import io.varde.check.probe.Probers;
import io.varde.cluster.ClusterStore;
import io.varde.cluster.QueuedEvent;
import io.varde.cluster.Tightening;
import io.varde.config.SchedulerSettings;
import io.varde.core.Threads;
import io.varde.detect.CheckHistory;
import io.varde.detect.DetectionEvent;
import io.varde.detect.EventOrder;
import io.varde.detect.HistoryRecorder;
import io.varde.detect.Monitor;
import io.varde.detect.ReportStore;
import io.varde.detect.SharedStates;
import io.varde.detect.StatusBoard;
import io.varde.detect.TargetState;
import io.varde.incident.IncidentService;
import io.varde.schedule.ShardScheduler;
import io.varde.store.jdbc.DetectionEventJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's share of the checks, for {@link Wiring}: every node on PostgreSQL runs one,
 * coordinator or not. Quartz's clustered job store gives it shards ({@link ShardScheduler}); it
 * checks their targets, judges them with a {@link Monitor} of its own, records their history,
 * publishes their states, and hands the detection events to the coordinator through
 * {@code cluster_events} ({@code kind = detect}), in order, one node's events in one transaction
 * at a time. Each node also checks every canary itself, so that a node whose own network fails
 * holds its targets' alerts as a single node does.
 *
 * <p>A shard taken over from another node is <em>adopted</em>: each target's announced state is
 * read from the incidents' target states and the events still queued for the coordinator, and its
 * streaks, baseline and flap history are rebuilt from its stored checks of the last
 * {@link #REBUILD_WINDOW}, so an outage in progress is neither announced again nor judged from
 * scratch. The coordinator's tightened checks ({@code check_tightening}) are read every
 * {@link #TIGHTENING_EVERY} and applied to the planner and the monitor.
 */
final class ClusterChecks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterChecks.class);
    /** How far back a shard's new owner reads each target's stored checks. */
    static final Duration REBUILD_WINDOW = Duration.ofMinutes(30);
    static final Duration TIGHTENING_EVERY = Duration.ofSeconds(5);
    /** Detection events waiting for the database, at most; beyond, the oldest are dropped and counted. */
    static final int MAX_OUTGOING = 50_000;
    /** The kind of a detection event in {@code cluster_events}. */
    static final String DETECT = "detect";

    private final String node;
    private final ClusterStore cluster;
    private final IncidentService incidents;
    private final CheckHistory checkHistory;
    private final Clock clock;
    private final Map<String, Target> byId = new HashMap<>();
    private final CheckPlanner shared;
    private final CheckPlanner canaries;
    private final Monitor monitor;
    private final HistoryRecorder history;
    private final Probers probers = new Probers();
    private final CheckDispatcher dispatcher;
    private final SharedStates states;
    private final ShardScheduler shards;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> outgoing = new ArrayDeque<>();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("varde-node-checks"));
    private final SplittableRandom random = new SplittableRandom();
    private volatile Map<String, Tightening> tightened = Map.of();
    private Instant lastTightening;

    /**
     * @param recorded sees every result first (log, metrics, recent checks, resolved IPs)
     */
    ClusterChecks(String node, List<Target> targets, SchedulerSettings s, DataSource dataSource, ClusterStore cluster,
                  IncidentService incidents, CheckHistory checkHistory, ReportStore reports,
                  Consumer<CheckResult> recorded, Clock clock) throws Exception {
        this.node = node;
        this.cluster = cluster;
        this.incidents = incidents;
        this.checkHistory = checkHistory;
        this.clock = clock;
        targets.forEach(t -> byId.put(t.id(), t));
        Instant now = clock.instant();
        this.shared = new CheckPlanner(targets.stream().filter(t -> !t.canary()).toList(), s.shards(), now, random);
        this.canaries = new CheckPlanner(targets.stream().filter(Target::canary).toList(), 1, now, random);
        this.monitor = new Monitor(targets);
        this.history = new HistoryRecorder(checkHistory);
        this.dispatcher = new CheckDispatcher(probers, s.maxConcurrent(), s.maxPerHost(), clock, result -> {
            recorded.accept(result);
            history.add(result);
            judge(result);
        }, t -> (t.canary() ? canaries : shared).done(t.id()),
                e -> LOG.error("event=check_failed error=\"{}\"", e.toString(), e));
        this.states = new SharedStates(new StatusBoard(targets, monitor, checkHistory), reports, node, this::mine);
        this.shards = new ShardScheduler(node, new QuartzConnections(dataSource), cluster, s.shards(), new ShardScheduler.Work() {
            @Override
            public void adopt(int shard, Instant at) {
                ClusterChecks.this.adopt(shard, at);
            }

            @Override
            public void run(int shard, Instant at) {
                dispatch(shared.takeDue(shard, at));
            }

            @Override
            public void release(int shard) {
                owned.remove(shard);
                // Handed over cleanly (a node joined, or this one stops): what this node knows about
                // the shard's targets is stored before the next owner reads it.
                Wiring.safely("hand_over_detections", ClusterChecks.this::flushOutgoing);
                Wiring.safely("history", () -> history.flush(clock.instant()));
            }
        }, clock);
    }

    /** Starts checking the canaries and taking shards. */
    void start() throws Exception {
        Wiring.safely("tightening", () -> applyTightening(clock.instant()));
        ticker.scheduleWithFixedDelay(() -> Wiring.safely("node_checks", this::tick), 0, 1, TimeUnit.SECONDS);
        shards.start();
    }

    private boolean mine(String targetId) {
        Target t = byId.get(targetId);
        return t != null && (t.canary() || owned.contains(shared.shardOf(targetId)));
    }

    private void dispatch(List<Target> due) {
        for (Target t : due) {
            try {
                dispatcher.submit(t);
            } catch (RuntimeException e) {
                (t.canary() ? canaries : shared).done(t.id());
                LOG.error("event=dispatch_failed target={} error=\"{}\"", t.id(), e.toString(), e);
            }
        }
    }

    /** A result of a target this node no longer owns (its check outlived the shard) is recorded, not judged. */
    private void judge(CheckResult result) {
        if (mine(result.targetId())) {
            send(monitor.onResult(result, clock.instant()));
        }
    }

    private void adopt(int shard, Instant now) {
        List<Target> targets = shared.targetsOf(shard);
        EventOrder announced = announced();
        List<DetectionEvent> due = new ArrayList<>();
        for (Target t : targets) {
            Optional<EventOrder.Applied> last = announced.last(t.id());
            List<CheckHistory.Sample> recent = checkHistory.samples(t.id(), now.minus(REBUILD_WINDOW));
            due.addAll(monitor.adopt(t.id(), last.map(EventOrder.Applied::state).orElse(TargetState.UNKNOWN),
                    last.map(EventOrder.Applied::at).orElse(null), recent, now));
        }
        shared.respread(shard, now, random);
        owned.add(shard);
        send(due);
        LOG.info("event=shard_checks_adopted node={} shard={} targets={} events={}", node, shard, targets.size(),
                due.size());
    }

    /**
     * What users heard about each target, as the coordinator will see it: the stored target
     * states, then the events still queued for it, in queue order and judged as it judges them
     * ({@link EventOrder}: an older or repeated event changes nothing).
     */
    private EventOrder announced() {
        EventOrder order = new EventOrder();
        incidents.storedTargetStates().forEach((id, st) -> order.know(id, st.state(), st.since()));
        for (QueuedEvent q : cluster.queued(10_000)) {
            if (DETECT.equals(q.kind())) {
                try {
                    order.admit(DetectionEventJson.read(q.body(), byId::get));
                } catch (IllegalArgumentException unreadable) {
                    // a target no longer in the rules: the coordinator skips it too
                }
            }
        }
        return order;
    }

    private void send(List<DetectionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        synchronized (outgoing) {
            for (DetectionEvent e : events) {
                if (outgoing.size() >= MAX_OUTGOING) {
                    outgoing.pollFirst();
                    droppedEvents.incrementAndGet();
                }
                outgoing.addLast(DetectionEventJson.write(e));
            }
        }
        ticker.execute(() -> Wiring.safely("hand_over_detections", this::flushOutgoing));
    }

    /**
     * Writes the waiting events in order; on a failure they stay, and the next tick tries again.
     * One flush at a time (the ticker's, a released shard's), so no event is written twice.
     */
    private synchronized void flushOutgoing() {
        List<String> batch;
        synchronized (outgoing) {
            if (outgoing.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(outgoing);
        }
        cluster.enqueueAll(DETECT, batch, node);
        synchronized (outgoing) {
            for (int i = 0; i < batch.size() && !outgoing.isEmpty(); i++) {
                outgoing.pollFirst();
            }
        }
    }

    private void tick() {
        Instant now = clock.instant();
        dispatch(canaries.takeDue(0, now));
        send(monitor.tick(now));
        Wiring.safely("hand_over_detections", this::flushOutgoing);
        Wiring.safely("history", () -> history.flushIfDue(now));
        Wiring.safely("share_states", () -> states.publishIfDue(now));
        if (lastTightening == null || !now.isBefore(lastTightening.plus(TIGHTENING_EVERY))) {
            lastTightening = now;
            Wiring.safely("tightening", () -> applyTightening(now));
        }
    }

    /** Applies the coordinator's tightened checks that changed since the last read. */
    private void applyTightening(Instant now) {
        Map<String, Tightening> next = new LinkedHashMap<>();
        cluster.tightenings().forEach(t -> next.put(t.targetId(), t));
        Map<String, Tightening> before = tightened;
        Set<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(next.keySet());
        for (String id : ids) {
            Target original = byId.get(id);
            if (original == null || Objects.equals(before.get(id), next.get(id))) {
                continue;
            }
            Tightening t = next.get(id);
            List<Target> rotation = t == null ? List.of(original)
                    : Tightened.rotation(Tightened.target(original, t.interval(), t.failureThreshold()), t.paths());
            shared.retarget(rotation, now);
            monitor.retarget(rotation.get(0));
            LOG.info("event=checks_retargeted node={} target={} tightened={} checks={}", node, id, t != null,
                    rotation.size());
        }
        tightened = Map.copyOf(next);
    }

    /** The coordinator's tightening of a target, as a row for the nodes that check it. */
    static Tightening tightening(List<Target> rotation) {
        Target own = rotation.get(0);
        List<String> paths = new ArrayList<>();
        for (Target t : rotation.subList(1, rotation.size())) {
            if (t.probe() instanceof io.varde.check.HttpSpec http) {
                String query = http.url().getRawQuery();
                paths.add(http.url().getRawPath() + (query == null ? "" : "?" + query));
            }
        }
        return new Tightening(own.id(), own.interval(), own.detection().failureThreshold(), paths);
    }

    /** The targets checked tightly now, by the coordinator's rows. */
    Set<String> tightened() {
        return new TreeSet<>(tightened.keySet());
    }

    /** The shards this node checks now. */
    Set<Integer> owned() {
        return shards.owned();
    }

    boolean running() {
        return shards.running();
    }

    long droppedHistory() {
        return history.dropped();
    }

    long droppedEvents() {
        return droppedEvents.get();
    }

    @Override
    public void close() throws Exception {
        shards.close();
        ticker.shutdown();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        Wiring.safely("hand_over_detections", this::flushOutgoing);
        Wiring.safely("history", () -> history.flush(clock.instant()));
        probers.close();
    }
}
