package io.varde.bench;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Correlator;
import io.varde.correlate.Rule;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.notify.Backoff;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.RateLimits;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Incident storm: N targets go DOWN at once, then all recover, through the real
 * {@link IncidentService} on {@link JdbcIncidentStore}, with the real {@link DeliveryWorker} on
 * {@link JdbcOutboxStore} draining the outbox into a {@link CountingNotifier}, as wired in
 * production (the service wakes the worker after each change; the worker runs on its own
 * thread meanwhile).
 * <p>
 * Usage: {@code IncidentStorm <h2|postgres> [targets=1000] [together|after|slack]}. With
 * {@code after}, the worker does not run while the events are applied; its passes then run on the
 * main thread until the outbox is empty, which times the intake and the delivery apart. With
 * {@code slack}, the channel is {@code slack:C0OPS} under the default rate limit (one message a
 * second), the worker runs during the storm and the harness does not wait for the backlog: it
 * shows what a rate-limited backlog costs the intake and the worker's thread. Each target has its own incident
 * (a route without {@code group_by}) announced in one channel without a rate limit, so every
 * event opens or resolves one incident and queues one message. Events are applied one per
 * {@code onEvents} call, as detection delivers them from the probe threads (the service
 * serialises those calls anyway). Prints one line per phase and per-event latencies at the start
 * by tenth of each phase, which show whether an event's cost grows with the open incidents. A
 * smaller storm on other targets runs first, so the JIT has compiled the paths, as in a bot that
 * has been running.
 */
public final class IncidentStorm {

    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(30);
    /** Targets stormed (down, then up) first so the JIT has compiled the paths, as in a running bot. */
    private static final int WARM_UP = 300;

    private IncidentStorm() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String mode = args.length > 2 ? args[2] : "together";
        boolean together = !mode.equals("after");
        boolean slack = mode.equals("slack");
        boolean campaign = mode.equals("campaign");
        Duration drainDeadline = slack ? Duration.ZERO : DRAIN_DEADLINE;
        List<Target> all = targets(n + WARM_UP);
        List<Target> targets = all.subList(0, n);
        List<Target> warmUp = all.subList(n, n + WARM_UP);
        try (StormDatabase sdb = StormDatabase.open(kind)) {
            System.out.printf("db=%s targets=%d%n", sdb.description(), n);
            CountingNotifier notifier = new CountingNotifier(slack ? "slack" : "bench");
            DeliveryWorker worker = new DeliveryWorker(new JdbcOutboxStore(sdb.db()), List.of(notifier),
                    RateLimits.defaults(), Backoff.standard());
            IncidentService service = new IncidentService(new JdbcIncidentStore(sdb.db()),
                    config(slack ? "slack:C0OPS" : "bench:ops"),
                    all, worker::wake);
            if (together) {
                worker.start(Clock.systemUTC());
            }
            // campaign: every event goes through a Correlator with one campaign rule by sector, as
            // in the bot, so the storm becomes two campaign incidents that grow to n/2 members each.
            Correlator correlator = new Correlator(new CorrelationRules(List.of(new Rule.Campaign("campaign",
                    new Matchers(List.of()), List.of("sector"), 3, Duration.ofMinutes(10), Severity.CRITICAL))), all);
            Consumer<DetectionEvent> feed = campaign
                    ? e -> service.onCorrelated(e, correlator.onDetection(e))
                    : e -> service.onEvents(List.of(e));
            JdbcOutboxStore outbox = new JdbcOutboxStore(sdb.db());
            Drain drain = together ? new Drain() {
                @Override
                public void pass() {
                }
            } : new Drain() {
                @Override
                public void pass() {
                    worker.runOnce(Instant.now());
                }

                @Override
                public void beforeDrain() {
                    pendingCost(outbox);
                }
            };
            try {
                phase("warmup-down", feed, drain, drainDeadline, notifier, warmUp,
                        TargetState.UP, TargetState.DOWN, WARM_UP);
                phase("warmup-recover", feed, drain, drainDeadline, notifier, warmUp,
                        TargetState.DOWN, TargetState.UP, 2 * WARM_UP);
                int base = 2 * WARM_UP;
                phase("down", feed, drain, drainDeadline, notifier, targets,
                        TargetState.UP, TargetState.DOWN, base + n);
                scanCost(service, n);
                phase("recover", feed, drain, drainDeadline, notifier, targets,
                        TargetState.DOWN, TargetState.UP, base + 2 * n);
                System.out.printf("unresolved_after=%d%n", service.unresolved().size());
            } finally {
                worker.close();
            }
        }
    }

    /** Applies one event per target and waits until the notifier has {@code sendsAfter} sends. */
    private static void phase(String name, Consumer<DetectionEvent> feed, Drain drain, Duration drainDeadline,
                              CountingNotifier notifier,
                              List<Target> targets, TargetState from, TargetState to, int sendsAfter)
            throws InterruptedException {
        long[] perEvent = new long[targets.size()];
        long workerCpu = workerCpuNanos();
        int sendsBefore = notifier.sends();
        long start = System.nanoTime();
        for (int i = 0; i < targets.size(); i++) {
            long t0 = System.nanoTime();
            feed.accept(event(targets.get(i), from, to));
            perEvent[i] = System.nanoTime() - t0;
        }
        long applied = System.nanoTime();
        System.out.printf(Locale.ROOT, "phase=%s worker_thread_cpu_s_during_apply=%.2f%n", name,
                (workerCpuNanos() - workerCpu) / 1e9);
        drain.beforeDrain();
        int sentWhenApplied = notifier.sends() - sendsBefore;
        long drainStart = System.nanoTime();
        long deadline = drainStart + drainDeadline.toNanos();
        while (notifier.sends() < sendsAfter && System.nanoTime() < deadline) {
            drain.pass();
            Thread.sleep(5);
        }
        int sent = notifier.sends() - sendsBefore;
        long drained = notifier.lastSendNanos();
        double applySeconds = (applied - start) / 1e9;
        double drainSeconds = (drained - start - (drainStart - applied)) / 1e9;
        double drainOnly = Math.max(0, drained - drainStart) / 1e9;
        int leftAfterApply = sent - sentWhenApplied;
        System.out.printf(Locale.ROOT, "phase=%s events=%d apply_s=%.2f events_per_s=%.0f "
                        + "sent_during_apply=%d messages=%d all_sent_after_s=%.2f messages_per_s=%.0f "
                        + "drain_after_apply_s=%.2f drain_messages_per_s=%.0f%n",
                name, targets.size(), applySeconds, targets.size() / applySeconds, sentWhenApplied, sent,
                drainSeconds, sent / drainSeconds, drainOnly,
                leftAfterApply == 0 || drainOnly == 0 ? 0 : leftAfterApply / drainOnly);
        StringBuilder tenths = new StringBuilder();
        for (int d = 0; d < 10; d++) {
            tenths.append(String.format(Locale.ROOT, " %.1f",
                    mean(perEvent, d * perEvent.length / 10, (d + 1) * perEvent.length / 10)));
        }
        System.out.printf(Locale.ROOT, "phase=%s event_ms_mean_by_tenth=[%s ] max=%.1f%n",
                name, tenths.toString().strip(), max(perEvent));
    }

    /** CPU time of the worker's thread {@code varde-delivery} so far (0 when it does not run). */
    private static long workerCpuNanos() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("varde-delivery")) {
                return Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()));
            }
        }
        return 0;
    }

    /** One delivery pass on the caller's thread, or nothing when the worker runs on its own. */
    @FunctionalInterface
    private interface Drain {
        void pass();

        /** Runs once between applying the events and draining (untimed). */
        default void beforeDrain() {
        }
    }

    /**
     * The cost of the read each delivery pass starts with, {@code pending(1000)}, with the whole
     * backlog still queued: a pass reads (and decodes) the backlog even when its channel's rate
     * limit lets it send only one message.
     */
    private static void pendingCost(JdbcOutboxStore outbox) {
        int rounds = 10;
        int seen = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            seen = outbox.pending(1000).size();
        }
        System.out.printf(Locale.ROOT, "pending_read pending=%d ms_per_read=%.2f%n", seen,
                (System.nanoTime() - t0) / 1e6 / rounds);
    }

    /** The cost of one read of every unresolved incident, the read each detection event does. */
    private static void scanCost(IncidentService service, int open) {
        int rounds = 20;
        long t0 = System.nanoTime();
        int seen = 0;
        for (int i = 0; i < rounds; i++) {
            seen = service.unresolved().size();
        }
        System.out.printf(Locale.ROOT, "unresolved_read open=%d seen=%d ms_per_read=%.2f%n", open, seen,
                (System.nanoTime() - t0) / 1e6 / rounds);
    }

    private static DetectionEvent event(Target t, TargetState from, TargetState to) {
        Instant now = Instant.now();
        return new StateChanged(now, t, from, to, to == TargetState.UP ? Duration.ofMinutes(3) : null, null);
    }

    static List<Target> targets(int n) {
        List<Target> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "t" + i;
            out.add(new Target(id, "site-" + i + ".example", HttpSpec.get(URI.create("http://127.0.0.1:9/t/" + i)),
                    Duration.ofSeconds(30), Duration.ofSeconds(10), DetectionSettings.DEFAULTS,
                    Labels.of(Map.of("sector", i % 2 == 0 ? "government" : "municipal", "org", "org" + i % 50)),
                    List.of(), List.of(), false));
        }
        return out;
    }

    /** One route for everything: its own incident per target, one channel, reminders hourly. */
    static TeamConfig config(String channel) {
        Route all = new Route("all", new Matchers(List.of()), Severity.INFO, List.of(channel), null,
                List.of(), Duration.ofHours(1));
        Team team = new Team(Map.of(), Role.VIEWER, Duration.ofDays(7));
        return new TeamConfig(team, List.of(), all, Map.of(), Map.of());
    }

    private static double mean(long[] nanos, int from, int to) {
        long sum = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            sum += nanos[i];
        }
        return sum / 1e6 / Math.max(1, to - Math.max(0, from));
    }

    private static double max(long[] nanos) {
        long m = 0;
        for (long x : nanos) {
            m = Math.max(m, x);
        }
        return m / 1e6;
    }
}
