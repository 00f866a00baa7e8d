package io.varde.vantage;

import io.varde.check.CheckDispatcher;
import io.varde.check.CheckPlanner;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.core.Threads;
import io.varde.vantage.AgentClient.Reply;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code varde probe}: a probe agent. It fetches the checks assigned to its location from the
 * server ({@code GET api/probe/assignments}) at start, retrying 1 s doubling to 30 s until that
 * works, then every 30 s with {@code If-None-Match}; a changed assignment replaces the running set
 * ({@link CheckPlanner#replace}: targets that stay keep their due times). The checks run as the
 * server's do: {@link CheckPlanner} (asked every second by one thread; no Quartz),
 * {@link CheckDispatcher} with its caps, the {@link Prober} given (the server's probers) and the
 * checker, and no database. Results go into a bounded {@link ResultBuffer} and out in batches
 * ({@link ResultSender}); the probe threads never wait on the network.
 *
 * <p>{@link #close} (the shutdown hook on SIGTERM) stops checking, lets running checks finish
 * and makes a last attempt to send what is buffered, all within 5 s.
 */
public final class ProbeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeAgent.class);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final Duration CHECKS_FINISH_WITHIN = Duration.ofSeconds(2);

    private final AgentSettings settings;
    private final Clock clock;
    private final AgentClient client;
    private final ResultBuffer buffer;
    private final ResultSender sender;
    private final Thread sendThread;
    private final CheckDispatcher dispatcher;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("varde-probe-plan"));
    private final ScheduledExecutorService fetches = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("varde-probe-assign"));
    private final SplittableRandom random = new SplittableRandom();
    private final Backoff fetchBackoff = new Backoff();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CheckPlanner planner;
    private volatile Assignment assignment;

    private ProbeAgent(AgentSettings settings, Prober prober, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        String version = ProbeAgent.class.getPackage().getImplementationVersion();
        this.client = new AgentClient(settings, version == null ? "dev" : version);
        this.buffer = new ResultBuffer(settings.buffer(), clock);
        this.sender = new ResultSender(settings.location(), buffer, client, clock);
        this.sendThread = Threads.daemon("varde-probe-send").newThread(sender);
        this.dispatcher = new CheckDispatcher(prober, settings.maxConcurrent(), settings.maxPerHost(), clock,
                buffer::add, target -> {
                    CheckPlanner p = planner;
                    if (p != null) {
                        p.done(target.id());
                    }
                }, e -> LOG.error("event=check_failed error=\"{}\"", e.toString(), e));
    }

    /** Starts the agent: its first fetch at once, checks once an assignment is in, sends every second. */
    public static ProbeAgent start(AgentSettings settings, Prober prober, Clock clock) {
        ProbeAgent agent = new ProbeAgent(settings, prober, clock);
        agent.sendThread.start();
        agent.fetches.execute(agent::fetch);
        agent.ticks.scheduleAtFixedRate(agent::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info("event=probe_agent_started server={} location={} buffer={} max_concurrent={} max_per_host={}",
                settings.server(), settings.location(), settings.buffer(), settings.maxConcurrent(),
                settings.maxPerHost());
        return agent;
    }

    /** The assignment running now, if one has come. */
    public Optional<Assignment> assignment() {
        return Optional.ofNullable(assignment);
    }

    /** Results waiting to be sent. */
    public int buffered() {
        return buffer.size();
    }

    /** Results dropped unsent since the start (the buffer was full). */
    public long dropped() {
        return buffer.droppedTotal();
    }

    /** Results the server has accepted since the start. */
    public long sent() {
        return sender.sentTotal();
    }

    private void tick() {
        CheckPlanner p = planner;
        if (p == null) {
            return;
        }
        try {
            for (Target t : p.takeDue(0, clock.instant())) {
                try {
                    dispatcher.submit(t);
                } catch (RuntimeException e) {
                    p.done(t.id());
                    LOG.error("event=dispatch_failed target={} error=\"{}\"", t.id(), e.toString(), e);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("event=tick_failed error=\"{}\"", e.toString(), e);
        }
    }

    /** One fetch of the assignment; schedules the next (30 s, or the backoff while none has come). */
    private void fetch() {
        boolean ok = false;
        try {
            Assignment current = assignment;
            Reply r = client.assignments(Optional.ofNullable(current).map(a -> "\"" + a.version() + "\""));
            if (r.status() == 304 && current != null) {
                ok = true;
            } else if (r.status() == 200) {
                ok = apply(Assignment.parse(r.body()));
            } else {
                LOG.warn("event=assignment_failed status={} error=\"{}\"", r.status(), r.status() == 401
                        ? "token refused: check VARDE_PROBE_TOKEN against the location's token on the server"
                        : "unexpected answer");
            }
        } catch (WireFormatException e) {
            LOG.error("event=assignment_refused error=\"{}\"", WireReader.brief(e.getMessage(), 300));
        } catch (IOException e) {
            LOG.warn("event=assignment_failed error=\"{}\"", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("event=assignment_failed error=\"{}\"", e.toString(), e);
        }
        Duration next;
        if (ok || assignment != null) {
            fetchBackoff.succeeded();
            next = REFRESH;
        } else {
            next = fetchBackoff.failed();
        }
        try {
            fetches.schedule(this::fetch, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Runs {@code a} from now on; false when it is not this agent's. */
    private boolean apply(Assignment a) {
        if (!a.location().equals(settings.location())) {
            LOG.error("event=assignment_refused error=\"the token is location {}'s, not {}'s: check "
                    + "VARDE_PROBE_TOKEN and --location\"", a.location(), settings.location());
            return false;
        }
        List<Target> targets = a.targets().stream().map(t -> floored(t, a.intervalFloor())).toList();
        CheckPlanner p = planner;
        if (p == null) {
            planner = new CheckPlanner(targets, 1, clock.instant(), random);
        } else {
            p.replace(targets, clock.instant(), random);
        }
        assignment = a;
        LOG.info("event=assignment_changed targets={} version={} interval_floor={}s", targets.size(),
                a.version().substring(0, 12), a.intervalFloor().toSeconds());
        return true;
    }

    /** {@code t}, checked no more often than {@code floor}. */
    static Target floored(Target t, Duration floor) {
        if (t.interval().compareTo(floor) >= 0) {
            return t;
        }
        return new Target(t.id(), t.name(), t.probe(), floor, t.timeout(), t.detection(), t.labels(), t.aliases(),
                t.conditions(), t.canary(), t.vantage(), t.mitigation());
    }

    /**
     * Stops: no new checks, the running ones finish (2 s at most), then a last attempt to send
     * what is buffered; all within 5 s. Does not close the prober (its owner does).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        ticks.shutdownNow();
        fetches.shutdownNow();
        long checksBy = System.nanoTime() + CHECKS_FINISH_WITHIN.toNanos();
        try {
            while ((dispatcher.running() > 0 || dispatcher.waiting() > 0) && System.nanoTime() < checksBy) {
                Thread.sleep(20);
            }
            sender.stop(deadline);
            sendThread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("event=probe_agent_stopped location={} sent={} left_unsent={} dropped={}", settings.location(),
                sender.sentTotal(), buffer.size(), buffer.droppedTotal());
    }
}
