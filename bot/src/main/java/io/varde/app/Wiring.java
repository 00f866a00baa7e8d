package io.varde.app;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.CheckResult;
import io.varde.check.Target;
import io.varde.check.probe.Probers;
import io.varde.command.CommandExecutor;
import io.varde.command.CommandRequest;
import io.varde.command.Intel;
import io.varde.command.Reply;
import io.varde.config.SchedulerSettings;
import io.varde.config.VardeConfig;
import io.varde.correlate.Correlator;
import io.varde.correlate.Finding;
import io.varde.correlate.Tightener;
import io.varde.ctl.CtlReply;
import io.varde.ctl.CtlServer;
import io.varde.detect.DetectionEvent;
import io.varde.detect.HistoryRecorder;
import io.varde.detect.Monitor;
import io.varde.detect.RecentChecks;
import io.varde.detect.StatusBoard;
import io.varde.incident.Actor;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentService;
import io.varde.incident.Signals;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.ResolvedIps;
import io.varde.intel.feed.IntelPoller;
import io.varde.intel.feed.SourceFetcher;
import io.varde.metrics.VardeMetrics;
import io.varde.notify.Backoff;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.Notifier;
import io.varde.notify.RateLimits;
import io.varde.notify.console.CardText;
import io.varde.notify.console.ConsoleNotifier;
import io.varde.notify.webhook.WebhookNotifier;
import io.varde.schedule.CheckScheduler;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcCheckHistory;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcIntelStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import io.varde.web.ApiRoutes;
import io.varde.web.ClaimsEndpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds Varde from a validated config: the database and its stores,
 * notifiers and the delivery worker, incidents, detection, correlation and intel, commands,
 * {@code varde ctl}, Slack and Discord, the web server, planner, dispatcher and scheduler, by constructor
 * injection.
 */
final class Wiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    /** How long a channel's first message may wait after a failed attempt before /readyz says so. */
    private static final Duration NOTIFIER_STUCK = Duration.ofMinutes(5);

    private final List<AutoCloseable> closeInOrder;

    private Wiring(List<AutoCloseable> closeInOrder) {
        this.closeInOrder = closeInOrder;
    }

    static Wiring start(VardeConfig config, Path dataDir, Map<String, String> env, PrintStream out,
                        Clock clock) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return new Wiring(build(config, dataDir, env, out, clock, started));
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** Builds and starts everything; {@code started} collects what to close, last started first. */
    private static List<AutoCloseable> build(VardeConfig config, Path dataDir, Map<String, String> env,
                                             PrintStream out, Clock clock, List<AutoCloseable> started)
            throws Exception {
        List<Target> targets = config.targets();
        SchedulerSettings s = config.scheduler();
        DbSettings dbSettings = DbSettings.fromEnv(env, dataDir);
        WebSettings webSettings = WebSettings.fromEnv(env);
        Database db = Database.open(dbSettings);
        started.add(0, db);
        VardeMetrics metrics = new VardeMetrics(clock);
        started.add(0, metrics);

        ChatPlatforms chats = new ChatPlatforms(config, clock);
        started.add(0, chats);
        List<Notifier> notifiers = new ArrayList<>(List.of(new ConsoleNotifier(out),
                new WebhookNotifier(config.team().webhooks(), HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10)).build())));
        notifiers.addAll(chats.notifiers());
        warnAboutChannelsWithoutNotifier(config, notifiers);
        JdbcOutboxStore outbox = new JdbcOutboxStore(db);
        DeliveryWorker delivery = new DeliveryWorker(outbox, notifiers, chats.rateLimits(RateLimits.defaults()),
                Backoff.standard(), metrics.deliveryListener());
        metrics.queued(outbox::pendingCount);
        Correlator correlator = new Correlator(config.correlation(), targets);
        IncidentService incidents = new IncidentService(new JdbcIncidentStore(db), config.team(),
                targets, correlator::mayCampaign, delivery::wake);
        Monitor monitor = new Monitor(targets);
        restore(monitor, incidents);
        JdbcIntelStore intelStore = new JdbcIntelStore(db);
        incidents.onCorrelated(null, restore(correlator, incidents, intelStore, clock));
        JdbcCheckHistory checkHistory = new JdbcCheckHistory(db);
        HistoryRecorder history = new HistoryRecorder(checkHistory);
        StatusBoard board = new StatusBoard(targets, monitor, checkHistory);
        RecentChecks recentChecks = new RecentChecks();
        metrics.targetStates(targets, () -> board.reports(clock.instant()));
        metrics.incidents(incidents::unresolved);

        delivery.start(clock);
        started.add(0, delivery);

        // Detection events, intel events and the passing of time go through correlation and then
        // to incidents on one thread of their own, in order, so that probe, web and scheduler
        // threads never wait for the database and the correlator sees one signal at a time.
        ExecutorService intake = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "varde-incidents");
            t.setDaemon(true);
            return t;
        });
        started.add(0, () -> {
            intake.shutdown();
            if (!intake.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("event=incident_intake_stopped_with_events_left");
            }
        });
        CheckPlanner planner = new CheckPlanner(targets, s.shards(), clock.instant(), new SplittableRandom());
        Tightener tightener = new Tightener(targets, rotation -> {
            planner.retarget(rotation, clock.instant());
            monitor.retarget(rotation.get(0));
        });
        Signals signals = new Signals(correlator, incidents, tightener::apply);
        Consumer<List<DetectionEvent>> apply = events -> {
            if (!events.isEmpty()) {
                intake.execute(() -> events.forEach(e -> safely("detect", () -> signals.detected(e))));
            }
        };
        Consumer<IntelEvent> intel = e -> intake.execute(() -> safely("intel", () -> signals.intel(e, clock.instant())));
        ResolvedIps resolvedIps = new ResolvedIps(targets);
        IntelIntake intelIntake = new IntelIntake(intelStore, resolvedIps::index, metrics.intel(intel));
        incidents.unresolved().stream().filter(i -> i.kind() == IncidentKind.TASKED)
                .forEach(i -> intelIntake.retellTasking(i.taskListSource()));
        IntelPoller poller = new IntelPoller(config.intel(), intelIntake,
                new SourceFetcher(Main.class.getPackage().getImplementationVersion()), clock);
        started.add(0, poller);
        CommandExecutor commands = new CommandExecutor(incidents, board::reports, config.team().team(),
                Optional.of(Intel.of(intelIntake)), clock);
        startCtl(dataDir, commands, started);
        chats.serve(commands, incidents, clock);
        AtomicReference<CheckScheduler> schedulerRef = new AtomicReference<>();
        List<Readiness.Check> checks = new ArrayList<>(List.of(
                new Readiness.Check("database", () -> db.ping(Readiness.TIMEOUT)
                        ? Readiness.Result.ok("answers") : Readiness.Result.failed("does not answer SELECT 1")),
                new Readiness.Check("scheduler", () -> schedulerRef.get() != null && schedulerRef.get().running()
                        ? Readiness.Result.ok("running") : Readiness.Result.failed("not running")),
                new Readiness.Check("notifiers", () -> {
                    List<String> stuck = delivery.stuck(clock.instant(), NOTIFIER_STUCK);
                    return stuck.isEmpty() ? Readiness.Result.ok("delivering")
                            : Readiness.Result.failed("undelivered: " + String.join(", ", stuck));
                })));
        checks.addAll(chats.checks());
        Readiness readiness = new Readiness(checks, Readiness.TIMEOUT);
        List<Route> routes = new ArrayList<>(ClaimsEndpoint.routes(env, config.intel(), intelIntake::claim, clock));
        routes.addAll(new ApiRoutes(WebData.of(board::reports, checkHistory, recentChecks, incidents, intelIntake,
                tightener::tightened), clock).routes());
        routes.addAll(new HealthRoutes(readiness).routes());
        routes.addAll(new StatusPage().routes());
        routes.add(MetricsRoute.of(metrics::scrape));
        routes.addAll(chats.routes());
        started.add(0, WebServer.start(webSettings.address(), routes));
        started.add(0, () -> history.flush(clock.instant()));
        Probers probers = new Probers();
        started.add(0, probers);
        CheckDispatcher dispatcher = new CheckDispatcher(probers, s.maxConcurrent(), s.maxPerHost(), clock,
                result -> {
                    logResult(result);
                    metrics.checked(result);
                    recentChecks.add(result);
                    history.add(result);
                    resolvedIps.seen(result.targetId(), result.ip());
                    apply.accept(monitor.onResult(result, clock.instant()));
                },
                target -> planner.done(target.id()),
                e -> LOG.error("event=check_failed error=\"{}\"", e.toString(), e));
        CheckScheduler scheduler = new CheckScheduler("varde", planner, dispatcher, () -> {
            var now = clock.instant();
            safely("tick", () -> apply.accept(monitor.tick(now)));
            safely("incident_sweep", () -> incidents.sweep(now));
            intake.execute(() -> safely("correlate", () -> signals.tick(now)));
            safely("history", () -> history.flushIfDue(now));
        }, poller::pollDue, clock);
        scheduler.start();
        started.add(0, scheduler);
        schedulerRef.set(scheduler);
        LOG.info("event=started rules={} data={} db={} targets={} canaries={} notifiers={} shards={} "
                        + "max_concurrent={} max_per_host={} open_incidents={}",
                config.rulesDir(), dataDir, dbSettings.loggableUrl(), targets.size(),
                targets.stream().filter(Target::canary).count(),
                notifiers.stream().map(Notifier::name).collect(Collectors.joining(",")),
                s.shards(), s.maxConcurrent(), s.maxPerHost(), incidents.unresolved().size());
        return started;
    }

    /**
     * Warns once at start about channels in the team file that no notifier serves (e.g.
     * {@code slack:C0123} without {@code SLACK_BOT_TOKEN}): their messages would fail.
     */
    private static void warnAboutChannelsWithoutNotifier(VardeConfig config, List<Notifier> notifiers) {
        var served = notifiers.stream().map(Notifier::name).collect(Collectors.toSet());
        config.team().channels().stream()
                .filter(c -> !served.contains(c.contains(":") ? c.substring(0, c.indexOf(':')) : c))
                .forEach(c -> LOG.warn("event=channel_without_notifier channel={} hint=\"{}\"", c,
                        c.startsWith("slack:") ? "set SLACK_BOT_TOKEN (see .env.example)"
                                : c.startsWith("discord:") ? "set DISCORD_BOT_TOKEN (see .env.example)"
                                : "no notifier serves this channel; its messages fail"));
    }

    /** Gives detection what users last heard before a restart (see {@link Monitor#restore}). */
    private static void restore(Monitor monitor, IncidentService incidents) {
        incidents.storedTargetStates().forEach((id, st) -> monitor.restore(id, st.state(), st.since()));
        for (Incident i : incidents.unresolved()) {
            if (i.kind() == IncidentKind.CONNECTIVITY) {
                monitor.restoreConnectivityLost(i.openedAt());
            }
        }
    }

    /** Gives correlation what it had learnt before a restart (see {@link Correlator#restore}). */
    private static List<Finding> restore(Correlator correlator, IncidentService incidents,
                                                           JdbcIntelStore intel, Clock clock) {
        var now = clock.instant();
        IncidentService.CorrelationState state = incidents.correlationState(now);
        correlator.restoreDown(state.downSince());
        return correlator.restore(state.outageSince(), state.campaigns(), state.inhibitions(),
                intel.claimsSince(now.minus(correlator.memory()), 10_000), now);
    }

    private static void startCtl(Path dataDir, CommandExecutor commands, List<AutoCloseable> started) {
        try {
            started.add(0, CtlServer.start(dataDir, (user, words) -> {
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
    private static void safely(String step, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("event=step_failed step={} error=\"{}\"", step, e.toString(), e);
        }
    }

    private static void logResult(CheckResult r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=check target={} outcome={} response_ms={} problem=\"{}\"",
                    r.targetId(), r.outcome(), r.responseTime().toMillis(), r.problem());
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
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
