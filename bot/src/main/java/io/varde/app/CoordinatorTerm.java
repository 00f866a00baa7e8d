package io.varde.app;

import io.varde.core.Threads;
import io.varde.chat.discord.DiscordBot;
import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.cluster.ClusterStore;
import io.varde.cluster.ClusterView;
import io.varde.cluster.NodeWatch;
import io.varde.cluster.QueuedEvent;
import io.varde.command.CommandExecutor;
import io.varde.config.SchedulerSettings;
import io.varde.config.VardeConfig;
import io.varde.detect.DetectionEvent;
import io.varde.detect.EventOrder;
import io.varde.detect.HistoryRecorder;
import io.varde.detect.RecentChecks;
import io.varde.detect.ReportStore;
import io.varde.detect.StatusBoard;
import io.varde.incident.IncidentService;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelStore;
import io.varde.intel.ResolvedIps;
import io.varde.intel.feed.IntelPoller;
import io.varde.intel.feed.SourceFetcher;
import io.varde.metrics.VardeMetrics;
import io.varde.notify.Backoff;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.pipeline.Pipeline;
import io.varde.check.probe.Probers;
import io.varde.schedule.CheckScheduler;
import io.varde.check.Target;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DetectionEventJson;
import io.varde.store.jdbc.Fence;
import io.varde.store.jdbc.JdbcCheckHistory;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of a coordinator's term, for {@link Wiring}: what one node at a time runs for the
 * cluster (and a single node for itself) while it holds the coordinator lease: the checks
 * (planner, dispatcher, probers, Quartz), the {@link Pipeline} (detection, correlation,
 * incidents), the delivery worker with every notifier, Discord's session, intel polling, and,
 * in a cluster, the hand-off of other nodes' intel and the publishing of target states. Every
 * write it makes to incidents and the outbox is fenced by the term's epoch. Built when the
 * lease is taken, closed when it is lost or the node stops; a new term starts from the database,
 * as a restart does.
 */
final class CoordinatorTerm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorTerm.class);
    /** How many handed-over events one sweep takes. */
    private static final int HAND_OFF_BATCH = 200;

    /** What a term is built from: the node's parts that outlive terms. */
    record Node(VardeConfig config, Database db, String name, boolean clustered, ClusterStore cluster,
                ChatPlatforms chats, List<Notifier> notifiers, VardeMetrics metrics, JdbcCheckHistory checkHistory,
                IntelStore intelStore, ReportStore reports, RecentChecks recentChecks, ResolvedIps resolvedIps,
                CommandExecutor commands, IncidentService incidents, Clock clock) {
    }

    private final List<AutoCloseable> closeInOrder;
    private final HistoryRecorder history;
    final Pipeline pipeline;
    final StatusBoard board;
    final DeliveryWorker delivery;
    final CheckScheduler scheduler;

    private CoordinatorTerm(List<AutoCloseable> closeInOrder, HistoryRecorder history, Pipeline pipeline,
                            StatusBoard board, DeliveryWorker delivery, CheckScheduler scheduler) {
        this.closeInOrder = closeInOrder;
        this.history = history;
        this.pipeline = pipeline;
        this.board = board;
        this.delivery = delivery;
        this.scheduler = scheduler;
    }

    /** Starts a term whose writes pass {@code fence}. */
    static CoordinatorTerm begin(Node n, long epoch, Fence fence) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return build(n, epoch, fence, started);
        } catch (Exception | Error e) {
            Wiring.closeAll(started);
            throw e;
        }
    }

    private static CoordinatorTerm build(Node n, long epoch, Fence fence, List<AutoCloseable> started)
            throws Exception {
        VardeConfig config = n.config();
        Clock clock = n.clock();
        SchedulerSettings s = config.scheduler();

        List<Notifier> notifiers = new ArrayList<>(n.notifiers());
        Optional<DiscordBot> discord = n.chats().connectDiscord(clock);
        discord.ifPresent(bot -> {
            started.add(0, bot);
            notifiers.add(bot.notifier());
            n.chats().serveDiscord(bot, n.commands(), n.incidents(), clock);
        });
        DeliveryWorker delivery = new DeliveryWorker(new JdbcOutboxStore(n.db(), fence), notifiers,
                n.chats().rateLimits(RateLimits.defaults()), Backoff.standard(), n.metrics().deliveryListener());

        // Correlation and incident changes run on one thread of their own, in order, so that
        // probe, web and scheduler threads never wait for the database.
        ExecutorService signals = Executors.newSingleThreadExecutor(Threads.daemon("varde-incidents"));
        started.add(0, () -> {
            signals.shutdown();
            if (!signals.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("event=incident_intake_stopped_with_events_left");
            }
        });
        // Alone, the term checks every target itself; in a cluster every node checks its shards
        // (ClusterChecks) and hands its detection events over, and the term tightens through the database.
        CheckPlanner planner = n.clustered() ? null
                : new CheckPlanner(config.targets(), s.shards(), clock.instant(), new SplittableRandom());
        HistoryRecorder history = n.clustered() ? null : new HistoryRecorder(n.checkHistory());
        Map<String, Target> byId = new HashMap<>();
        config.targets().forEach(t -> byId.put(t.id(), t));
        Consumer<List<Target>> tighten = n.clustered()
                ? rotation -> Wiring.safely("tighten", () -> {
                    if (rotation.size() == 1 && rotation.get(0).equals(byId.get(rotation.get(0).id()))) {
                        n.cluster().untighten(rotation.get(0).id());
                    } else {
                        n.cluster().tighten(ClusterChecks.tightening(rotation));
                    }
                })
                : rotation -> planner.retarget(rotation, clock.instant());
        Pipeline pipeline = Pipeline.build(new Pipeline.Rules(config.targets(), config.team(), config.correlation(),
                        config.vantage().locations()),
                new JdbcIncidentStore(n.db(), fence), n.intelStore(), n.resolvedIps()::index,
                new Pipeline.Hooks(signals, Wiring::safely, delivery::wake, tighten,
                        result -> {
                            Wiring.logResult(result);
                            n.metrics().checked(result);
                            n.recentChecks().add(result);
                            if (history != null) {
                                history.add(result);
                            }
                            n.resolvedIps().seen(result.targetId(), result.ip());
                        }, n.metrics()::intel), clock);
        delivery.start(clock);
        started.add(0, delivery);
        StatusBoard board = n.clustered() ? null : new StatusBoard(config.targets(), pipeline.monitor(), n.checkHistory());

        IntelPoller poller = new IntelPoller(config.intel(), pipeline.intake(),
                new SourceFetcher(Main.class.getPackage().getImplementationVersion()), clock);
        started.add(0, poller);
        HandOff handOff = n.clustered() ? new HandOff(n.cluster(), n.intelStore(), pipeline, signals, byId) : null;
        Watch watch = new Watch(n.cluster(), n.name(), pipeline.incidents());
        Runnable sweep = () -> {
            pipeline.tick();
            var now = clock.instant();
            if (history != null) {
                Wiring.safely("history", () -> history.flushIfDue(now));
            }
            Wiring.safely("node_watch", () -> watch.runIfDue(now));
            if (handOff != null) {
                Wiring.safely("hand_off", handOff::take);
            }
        };
        CheckScheduler scheduler;
        if (n.clustered()) {
            scheduler = CheckScheduler.withoutChecks("varde-" + epoch, sweep, poller::pollDue, clock);
        } else {
            started.add(0, () -> history.flush(clock.instant()));
            Probers probers = new Probers();
            started.add(0, probers);
            CheckDispatcher dispatcher = new CheckDispatcher(probers, s.maxConcurrent(), s.maxPerHost(), clock,
                    pipeline::checked, target -> planner.done(target.id()),
                    e -> LOG.error("event=check_failed error=\"{}\"", e.toString(), e));
            scheduler = new CheckScheduler("varde-" + epoch, planner, dispatcher, sweep, poller::pollDue, clock);
        }
        scheduler.start();
        started.add(0, scheduler);
        LOG.info("event=coordinator_term_started node={} epoch={} targets={} open_incidents={}", n.name(), epoch,
                config.targets().size(), pipeline.incidents().unresolved().size());
        return new CoordinatorTerm(started, history, pipeline, board, delivery, scheduler);
    }

    /**
     * Intel that other nodes stored (claims from their webhook and chat commands) reaches the
     * coordinator through the database: each event is applied in queue order on the signal thread
     * and removed once applied without the store failing; one left behind (the database failed, or
     * this node was deposed) is applied by the next term, which is safe since applying intel
     * twice changes nothing.
     */
    private static final class HandOff {

        private final ClusterStore cluster;
        private final IntelStore intel;
        private final Pipeline pipeline;
        private final ExecutorService signals;
        private final Map<String, Target> targets;
        private final Set<Long> taken = ConcurrentHashMap.newKeySet();
        private final EventOrder order = new EventOrder();

        HandOff(ClusterStore cluster, IntelStore intel, Pipeline pipeline, ExecutorService signals,
                Map<String, Target> targets) {
            this.cluster = cluster;
            this.intel = intel;
            this.pipeline = pipeline;
            this.signals = signals;
            this.targets = targets;
            pipeline.incidents().storedTargetStates().forEach((id, st) -> order.know(id, st.state(), st.since()));
        }

        void take() {
            for (QueuedEvent e : cluster.queued(HAND_OFF_BATCH)) {
                if (!taken.add(e.seq())) {
                    continue;
                }
                if ("claim".equals(e.kind())) {
                    intel.claim(e.ref()).ifPresent(c -> pipeline.intel(new IntelEvent.ClaimSeen(c)));
                } else if (ClusterChecks.DETECT.equals(e.kind())) {
                    try {
                        DetectionEvent event = DetectionEventJson.read(e.body(), targets::get);
                        if (order.admit(event)) {
                            pipeline.detected(event);
                        } else {
                            LOG.info("event=hand_off_skipped seq={} node={} reason=stale_or_repeat", e.seq(), e.node());
                        }
                    } catch (IllegalArgumentException bad) {
                        // a target removed from the rules, or a newer node's event: nothing to apply
                        LOG.warn("event=hand_off_unreadable seq={} node={} error=\"{}\"", e.seq(), e.node(),
                                bad.getMessage());
                    }
                } else {
                    LOG.warn("event=hand_off_unknown kind={} seq={}", e.kind(), e.seq());
                    cluster.dequeue(e.seq());
                    continue;
                }
                signals.execute(() -> Wiring.safely("hand_off_done", () -> {
                    if (pipeline.incidents().waitingEvents() == 0) {
                        cluster.dequeue(e.seq());
                    }
                }));
            }
        }
    }

    /**
     * The coordinator's look at the node table every {@link #WATCH_EVERY}: a lost node is an info
     * notice, and resolves when the node is back, stopped or replaced ({@link NodeWatch}).
     */
    private static final class Watch {

        private final ClusterStore cluster;
        private final String self;
        private final IncidentService incidents;
        private final NodeWatch.Gate gate = new NodeWatch.Gate(WATCH_EVERY);
        private Instant last;

        Watch(ClusterStore cluster, String self, IncidentService incidents) {
            this.cluster = cluster;
            this.self = self;
            this.incidents = incidents;
        }

        void runIfDue(Instant now) {
            if (last != null && now.isBefore(last.plus(WATCH_EVERY))) {
                return;
            }
            last = now;
            ClusterView view = cluster.view();
            if (!gate.read(now)) {
                return;
            }
            for (NodeWatch.Action a : NodeWatch.actions(view, self, Set.copyOf(incidents.nodesNoticedLost()))) {
                if (a instanceof NodeWatch.Lost lost) {
                    LOG.warn("event=node_lost node={} last_heartbeat={}", lost.node(), lost.lastHeartbeat());
                    incidents.nodeLost(lost.node(), lost.lastHeartbeat(), view.now());
                } else if (a instanceof NodeWatch.Back back) {
                    LOG.info("event=node_back node={} how=\"{}\"", back.node(), back.how());
                    incidents.nodeBack(back.node(), back.how(), view.now());
                } else if (a instanceof NodeWatch.Forget forget) {
                    LOG.info("event=node_forgotten node={}", forget.node());
                    cluster.forget(forget.node());
                }
            }
        }
    }

    /** How often the coordinator looks for lost nodes. */
    static final Duration WATCH_EVERY = Duration.ofSeconds(5);

    /** Check results this term dropped unstored (the database away for long); 0 in a cluster (the node's). */
    long droppedHistory() {
        return history == null ? 0 : history.dropped();
    }

    /** Detection events and findings this term dropped unapplied. */
    long droppedEvents() {
        return pipeline.incidents().droppedEvents();
    }

    @Override
    public void close() {
        Wiring.closeAll(closeInOrder);
    }

    /** How long a channel's first message may wait after a failed attempt before /readyz says so. */
    static final Duration NOTIFIER_STUCK = Duration.ofMinutes(5);
}
