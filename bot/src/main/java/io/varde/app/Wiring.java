package io.varde.app;

import io.varde.core.Threads;
import io.varde.check.CheckResult;
import io.varde.check.Location;
import io.varde.check.Target;
import io.varde.check.Vantage;
import io.varde.vantage.ProbeEndpoint;
import io.varde.vantage.ProbeListener;
import io.varde.cluster.ClusterText;
import io.varde.cluster.ClusterView;
import io.varde.cluster.Coordination;
import io.varde.cluster.NodeName;
import io.varde.command.CommandExecutor;
import io.varde.command.CommandRequest;
import io.varde.command.Intel;
import io.varde.command.Reply;
import io.varde.config.SchedulerSettings;
import io.varde.config.VardeConfig;
import io.varde.correlate.Correlator;
import io.varde.ctl.CtlReply;
import io.varde.ctl.CtlServer;
import io.varde.detect.RecentChecks;
import io.varde.detect.StatusBoard;
import io.varde.detect.TargetReport;
import io.varde.incident.Actor;
import io.varde.incident.IncidentService;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.ResolvedIps;
import io.varde.metrics.VardeMetrics;
import io.varde.notify.Notifier;
import io.varde.notify.console.CardText;
import io.varde.notify.console.ConsoleNotifier;
import io.varde.notify.webhook.WebhookNotifier;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.Fence;
import io.varde.store.jdbc.FencedOff;
import io.varde.store.jdbc.JdbcCheckHistory;
import io.varde.store.jdbc.JdbcClusterStore;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcIntelStore;
import io.varde.store.jdbc.JdbcOnceKeys;
import io.varde.store.jdbc.JdbcOutboxStore;
import io.varde.store.jdbc.JdbcReportStore;
import io.varde.web.ApiRoutes;
import io.varde.web.ClaimsEndpoint;
import io.varde.web.ClusterRoute;
import io.varde.web.HealthRoutes;
import io.varde.web.MetricsRoute;
import io.varde.web.Readiness;
import io.varde.web.Route;
import io.varde.web.StatusPage;
import io.varde.web.WebData;
import io.varde.web.WebServer;
import io.varde.web.WebSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds Varde from a validated config. A node has the database and its
 * stores, metrics, Slack, the command executor (human actions act on the shared incidents from any
 * node), {@code varde ctl}, the web server, and its part in the cluster ({@link Coordination}:
 * heartbeat and the coordinator lease). The node that holds the lease runs a
 * {@link CoordinatorTerm}: the checks, the pipeline, delivery, Discord and intel polling. One node
 * on H2 is its own cluster of one and coordinates from its first step; on PostgreSQL every node
 * joins the database's cluster.
 */
final class Wiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private final List<AutoCloseable> closeInOrder;

    private Wiring(List<AutoCloseable> closeInOrder) {
        this.closeInOrder = closeInOrder;
    }

    /** @param node this node's name ({@link NodeName#resolve}) */
    /**
     * The probe agents' endpoints ({@code GET /api/probe/assignments}, {@code POST
     * /api/probe/results}) when {@code vantage.yaml} declares agents: a location gets the targets
     * that are checked from it (not the canaries, which are the nodes' own), each with its source
     * address (the target's, else the location's); accepted results go to the coordinating term's
     * pipeline. In a cluster on PostgreSQL agents are not supported yet: their batches are refused
     * with 503 and said so at start.
     */
    static List<Route> probeRoutes(VardeConfig config, boolean clustered, java.util.function.Supplier<CoordinatorTerm> term,
                                   java.time.Clock clock) {
        if (config.vantage().agents().isEmpty()) {
            return List.of();
        }
        if (clustered) {
            LOG.warn("event=vantage_unsupported reason=\"probe agents report to a lone node only for now; a cluster"
                    + " refuses their results\" agents={}", config.vantage().agents().size());
        }
        Map<String, List<Target>> assigned = new java.util.HashMap<>();
        for (Location l : config.vantage().agents()) {
            List<Target> mine = new ArrayList<>();
            for (Target t : config.targets()) {
                if (!t.canary() && t.vantage().includes(l.name())) {
                    String source = t.vantage().sourceAddress() != null ? t.vantage().sourceAddress() : l.sourceAddress();
                    mine.add(new Target(t.id(), t.name(), t.probe(), t.interval(), t.timeout(), t.detection(),
                            t.labels(), t.aliases(), t.conditions(), false, new Vantage(t.vantage().locations(),
                            t.vantage().quorum(), t.vantage().country(), source), t.mitigation()));
                }
            }
            assigned.put(l.name(), List.copyOf(mine));
        }
        ProbeEndpoint endpoint = new ProbeEndpoint(config.vantage(), l -> assigned.getOrDefault(l, List.of()),
                (location, results, dropped) -> {
                    CoordinatorTerm t = term.get();
                    if (clustered || t == null) {
                        throw new IllegalStateException("this node does not judge agents' results");
                    }
                    for (CheckResult r : results) {
                        t.pipeline.checked(location, r);
                    }
                    if (dropped > 0) {
                        LOG.warn("event=agent_dropped location={} results={}", location, dropped);
                    }
                }, ProbeListener.NONE, clock);
        return ProbeRoutes.of(endpoint);
    }

    static Wiring start(VardeConfig config, String node, Path dataDir, Map<String, String> env, PrintStream out,
                        Clock clock) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return new Wiring(build(config, node, dataDir, env, out, clock, started));
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** Builds and starts everything; {@code started} collects what to close, last started first. */
    private static List<AutoCloseable> build(VardeConfig config, String node, Path dataDir,
                                             Map<String, String> env, PrintStream out, Clock clock,
                                             List<AutoCloseable> started) throws Exception {
        List<Target> targets = config.targets();
        String version = Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev");
        DbSettings dbSettings = DbSettings.fromEnv(env, dataDir);
        boolean clustered = dbSettings.postgres();
        WebSettings webSettings = WebSettings.fromEnv(env);
        Database db = Database.open(dbSettings);
        started.add(0, db);
        VardeMetrics metrics = new VardeMetrics(clock);
        started.add(0, metrics);
        JdbcClusterStore cluster = new JdbcClusterStore(db);

        ChatPlatforms chats = new ChatPlatforms(config, clock, new JdbcOnceKeys(db));
        started.add(0, chats);
        List<Notifier> notifiers = new ArrayList<>(List.of(new ConsoleNotifier(out),
                new WebhookNotifier(config.team().webhooks(), HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10)).build())));
        notifiers.addAll(chats.notifiers());
        warnAboutChannelsWithoutNotifier(config, notifiers, chats);
        metrics.queued(new JdbcOutboxStore(db)::pendingCount);
        JdbcCheckHistory checkHistory = new JdbcCheckHistory(db);
        JdbcIntelStore intelStore = new JdbcIntelStore(db);
        JdbcReportStore reportStore = new JdbcReportStore(db);
        RecentChecks recentChecks = new RecentChecks();
        ResolvedIps resolvedIps = new ResolvedIps(targets);

        // The term this node coordinates, if any: what checks, judges and delivers.
        AtomicReference<CoordinatorTerm> term = new AtomicReference<>();
        // Human actions change the shared incidents from any node: revisions guard them against
        // the coordinator's changes; the coordinator's delivery worker picks their messages up.
        IncidentService incidents = new IncidentService(new JdbcIncidentStore(db), config.team(), targets,
                new Correlator(config.correlation(), targets)::mayCampaign, () -> {
                    CoordinatorTerm t = term.get();
                    if (t != null) {
                        t.delivery.wake();
                    }
                });
        StatusBoard sharedBoard = StatusBoard.shared(targets, reportStore, checkHistory);
        Function<Instant, List<TargetReport>> reports = now -> {
            CoordinatorTerm t = term.get();
            return (t != null && t.board != null ? t.board : sharedBoard).reports(now);
        };
        metrics.targetStates(targets, () -> reports.apply(clock.instant()));
        metrics.incidents(incidents::unresolved);
        // Claims from the webhook and the claim command: in a cluster through the database to
        // whichever node coordinates; alone, straight to this node's pipeline.
        Consumer<IntelEvent> handOff = clustered ? e -> handOver(cluster, node, e) : e -> {
            CoordinatorTerm t = term.get();
            if (t != null) {
                t.pipeline.intel(e);
            } else {
                LOG.warn("event=intel_without_coordinator kind={}", e.getClass().getSimpleName());
            }
        };
        IntelIntake intake = new IntelIntake(intelStore, resolvedIps::index, metrics.intel(handOff));
        CommandExecutor commands = new CommandExecutor(incidents, reports, config.team().team(),
                Optional.of(Intel.of(intake)), clock);

        CoordinatorTerm.Node parts = new CoordinatorTerm.Node(config, db, node, clustered, cluster, chats, notifiers,
                metrics, checkHistory, intelStore, reportStore, recentChecks, resolvedIps, commands, incidents, clock);
        AtomicReference<Coordination> coordinationRef = new AtomicReference<>();
        Fence fence = c -> cluster.fence(node, coordinationRef.get().epoch()).check(c);
        // What earlier terms dropped, so the counters never go down when a term ends.
        Dropped droppedHistory = new Dropped(term, CoordinatorTerm::droppedHistory);
        Dropped droppedEvents = new Dropped(term, CoordinatorTerm::droppedEvents);
        // In a cluster every node checks its shards of the targets and hands the events to the
        // coordinator (started below, once the node coordinates or knows who does); its history
        // and events wait in buffers of its own.
        ClusterChecks nodeChecks = clustered ? new ClusterChecks(node, targets, config.scheduler(), db.dataSource(),
                cluster, incidents, checkHistory, reportStore, result -> {
                    logResult(result);
                    metrics.checked(result);
                    recentChecks.add(result);
                    resolvedIps.seen(result.targetId(), result.ip());
                }, clock) : null;
        if (nodeChecks != null) {
            started.add(0, nodeChecks);
        }
        metrics.dropped("history", () -> droppedHistory.count() + (nodeChecks == null ? 0 : nodeChecks.droppedHistory()));
        metrics.dropped("events", () -> droppedEvents.count() + (nodeChecks == null ? 0 : nodeChecks.droppedEvents()));
        Coordination coordination = new Coordination(cluster, node, version, clock.instant(), epoch -> {
            CoordinatorTerm t = CoordinatorTerm.begin(parts, epoch, fence);
            term.set(t);
            return () -> {
                t.close();
                droppedHistory.ended(t);
                droppedEvents.ended(t);
                term.compareAndSet(t, null);
            };
        }, !clustered);
        coordinationRef.set(coordination);
        started.add(0, coordination);
        coordination.step(clock.millis()); // a lone node coordinates from its first step
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(Threads.daemon("varde-cluster"));
        loop.scheduleWithFixedDelay(() -> safely("cluster_step", () -> coordination.step(clock.millis())),
                Coordination.RENEW_EVERY.toMillis(), Coordination.RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        started.add(0, () -> {
            loop.shutdownNow();
            loop.awaitTermination(10, TimeUnit.SECONDS);
        });

        if (nodeChecks != null) {
            nodeChecks.start();
        }

        startCtl(dataDir, commands, cluster::view, started);
        chats.serve(commands);
        List<Readiness.Check> checks = new ArrayList<>(List.of(
                new Readiness.Check("database", () -> db.ping(Readiness.TIMEOUT)
                        ? Readiness.Result.ok("answers") : Readiness.Result.failed("does not answer SELECT 1")),
                new Readiness.Check("coordinator", () -> {
                    ClusterView v = cluster.view();
                    return v.coordinator().filter(l -> l.validAt(v.now()))
                            .map(l -> Readiness.Result.ok(l.heldBy(node) ? "this node" : l.holder()))
                            .orElse(Readiness.Result.failed("no node holds the coordinator lease"));
                }),
                new Readiness.Check("scheduler", () -> {
                    CoordinatorTerm t = term.get();
                    if (t != null && !t.scheduler.running()) {
                        return Readiness.Result.failed("not running");
                    }
                    if (nodeChecks != null) {
                        return nodeChecks.running() ? Readiness.Result.ok("checking shards " + nodeChecks.owned())
                                : Readiness.Result.failed("the shared checks are not running");
                    }
                    return Readiness.Result.ok(t == null ? "standby: the coordinator checks" : "running");
                }),
                new Readiness.Check("notifiers", () -> {
                    CoordinatorTerm t = term.get();
                    if (t == null) {
                        return Readiness.Result.ok("standby: the coordinator delivers");
                    }
                    List<String> stuck = t.delivery.stuck(clock.instant(), CoordinatorTerm.NOTIFIER_STUCK);
                    return stuck.isEmpty() ? Readiness.Result.ok("delivering")
                            : Readiness.Result.failed("undelivered: " + String.join(", ", stuck));
                })));
        checks.addAll(chats.checks(coordination::coordinating));
        Readiness readiness = new Readiness(checks, Readiness.TIMEOUT);
        List<Route> routes = new ArrayList<>(ClaimsEndpoint.routes(env, config.intel(), intake::claim, clock));
        routes.addAll(new ApiRoutes(WebData.of(reports, checkHistory, recentChecks, incidents, intake, () -> {
            if (nodeChecks != null) {
                return nodeChecks.tightened();
            }
            CoordinatorTerm t = term.get();
            return t == null ? Set.of() : t.pipeline.tightener().tightened();
        }), clock).routes());
        routes.add(ClusterRoute.of(cluster::view, node));
        routes.addAll(new HealthRoutes(readiness).routes());
        routes.addAll(new StatusPage().routes());
        routes.add(MetricsRoute.of(metrics::scrape));
        routes.addAll(chats.routes());
        routes.addAll(probeRoutes(config, nodeChecks != null, term::get, clock));
        started.add(0, WebServer.start(webSettings.address(), routes));
        SchedulerSettings s = config.scheduler();
        LOG.info("event=started node={} version={} rules={} data={} db={} clustered={} coordinating={} targets={} "
                        + "canaries={} notifiers={} shards={} max_concurrent={} max_per_host={} open_incidents={}",
                node, version, config.rulesDir(), dataDir, dbSettings.loggableUrl(), clustered,
                coordination.coordinating(), targets.size(), targets.stream().filter(Target::canary).count(),
                String.join(",", served(notifiers, chats)),
                s.shards(), s.maxConcurrent(), s.maxPerHost(), incidents.unresolved().size());
        return started;
    }

    /** What the terms of this node dropped from one buffer: ended terms' counts plus the current one's. */
    private static final class Dropped {

        private final AtomicReference<CoordinatorTerm> term;
        private final java.util.function.ToLongFunction<CoordinatorTerm> of;
        private long ended;
        private CoordinatorTerm last;

        Dropped(AtomicReference<CoordinatorTerm> term, java.util.function.ToLongFunction<CoordinatorTerm> of) {
            this.term = term;
            this.of = of;
        }

        synchronized long count() {
            CoordinatorTerm t = term.get();
            return ended + (t == null || t == last ? 0 : of.applyAsLong(t));
        }

        /** {@code t} has ended (closed): its count moves to the ended ones, counted once. */
        synchronized void ended(CoordinatorTerm t) {
            ended += of.applyAsLong(t);
            last = t;
        }
    }

    /** The names of the notifiers this node and its terms deliver with (Discord's comes with a term). */
    private static Set<String> served(List<Notifier> notifiers, ChatPlatforms chats) {
        Set<String> out = new java.util.LinkedHashSet<>();
        notifiers.forEach(n -> out.add(n.name()));
        out.addAll(chats.notifierNames());
        return out;
    }

    /** A claim stored on this node goes to the coordinator through the database. */
    private static void handOver(JdbcClusterStore cluster, String node, IntelEvent e) {
        if (e instanceof IntelEvent.ClaimSeen seen) {
            cluster.enqueue("claim", seen.claim().id(), null, node);
        } else {
            LOG.warn("event=hand_off_unsupported kind={}", e.getClass().getSimpleName());
        }
    }

    /**
     * Warns once at start about channels in the team file that no notifier serves (e.g.
     * {@code slack:C0123} without {@code SLACK_BOT_TOKEN}): their messages would fail.
     */
    private static void warnAboutChannelsWithoutNotifier(VardeConfig config, List<Notifier> notifiers,
                                                         ChatPlatforms chats) {
        Set<String> served = served(notifiers, chats);
        config.team().channels().stream()
                .filter(c -> !served.contains(c.contains(":") ? c.substring(0, c.indexOf(':')) : c))
                .forEach(c -> LOG.warn("event=channel_without_notifier channel={} hint=\"{}\"", c,
                        c.startsWith("slack:") ? "set SLACK_BOT_TOKEN (see .env.example)"
                                : c.startsWith("discord:") ? "set DISCORD_BOT_TOKEN (see .env.example)"
                                : "no notifier serves this channel; its messages fail"));
    }

    private static void startCtl(Path dataDir, CommandExecutor commands,
                                 java.util.function.Supplier<ClusterView> cluster, List<AutoCloseable> started) {
        try {
            started.add(0, CtlServer.start(dataDir, (user, words) -> {
                if (words.strip().equalsIgnoreCase("cluster")) {
                    return new CtlReply(true, String.join("\n", ClusterText.lines(cluster.get())));
                }
                Reply reply = commands.execute(new CommandRequest(Actor.operator(user), List.of(), words));
                return new CtlReply(reply.ok(), CardText.render(reply.card()));
            }));
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=ctl_unavailable data={} error=\"{}\" hint=\"varde ctl needs a Unix socket"
                    + " in the data directory; a shorter data path helps when the path is too long\"",
                    dataDir, e.toString());
        }
    }

    /** Runs a step of a job; a failure is logged with its context and the job goes on. */
    static void safely(String step, Runnable work) {
        try {
            work.run();
        } catch (FencedOff e) {
            // this node's term is over, or goes on under a new epoch: expected around a failover
            LOG.warn("event=step_fenced step={} error=\"{}\"", step, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("event=step_failed step={} error=\"{}\"", step, e.toString(), e);
        }
    }

    static void logResult(CheckResult r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=check target={} outcome={} response_ms={} problem=\"{}\"",
                    r.targetId(), r.outcome(), r.responseTime().toMillis(), r.problem());
        }
    }

    static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("event=close_failed component={} error=\"{}\"", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closeAll(closeInOrder);
        LOG.info("event=stopped");
    }
}
