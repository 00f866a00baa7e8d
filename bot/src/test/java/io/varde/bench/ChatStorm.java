package io.varde.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.varde.app.BenchChatPlatforms;
import io.varde.check.CheckResult;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.command.CommandExecutor;
import io.varde.config.DiscordSettings;
import io.varde.config.SchedulerSettings;
import io.varde.config.SlackSettings;
import io.varde.config.VardeConfig;
import io.varde.core.Durations;
import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.correlate.CorrelationRules;
import io.varde.correlate.Correlator;
import io.varde.correlate.Rule;
import io.varde.detect.DetectionEvent;
import io.varde.detect.HistoryRecorder;
import io.varde.detect.Monitor;
import io.varde.detect.StatusBoard;
import io.varde.detect.TargetState;
import io.varde.incident.IncidentService;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.Signals;
import io.varde.incident.Team;
import io.varde.incident.TeamConfig;
import io.varde.intel.IntelSources;
import io.varde.notify.Backoff;
import io.varde.notify.DeliveryWorker;
import io.varde.notify.RateLimits;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcCheckHistory;
import io.varde.store.jdbc.JdbcIncidentStore;
import io.varde.store.jdbc.JdbcOutboxStore;
import io.varde.testing.ChatStack;
import io.varde.testing.FakeDiscord;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.SlackRequests;
import io.varde.testing.TestTargets;
import io.varde.web.Readiness;
import io.varde.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat storm (issue 13): a campaign against 500 of 2,000 targets in 5 sectors, through Varde's
 * real chat path against the project's own fakes, on the real clock.
 * <p>
 * Detection is real: a {@link Monitor} fed synthetic check results (the failing targets start
 * failing at seeded random times within the first 30 s and get FAIL results every 1-2 s until
 * the monitor says DOWN; the others get OK results, so they are UP), events applied on one
 * {@code varde-incidents} thread through {@link Signals} (a real {@link Correlator} with the
 * shipped {@code sector-campaign} rule) into a real {@link IncidentService} on
 * {@link JdbcIncidentStore} over the embedded H2 file; the real {@link DeliveryWorker} on
 * {@link JdbcOutboxStore} delivers on its thread, woken by the service, through Slack and Discord
 * wired by the real {@code ChatPlatforms} (the {@code SlackNotifier} of {@code SlackBot} into a
 * {@link FakeSlack} that refuses more than one post a second per channel, the
 * {@code DiscordNotifier} of {@code DiscordBot}, JDA, into a {@link FakeDiscord}), one Slack and
 * one Discord channel per sector. At 15 s an unrelated target, routed to the busiest channel,
 * goes DOWN too. Meanwhile 200 {@code /varde status} and 200 {@code /varde incidents}, signed,
 * go over HTTP to the real {@link WebServer} carrying Slack's {@code POST /slack/events}.
 * <p>
 * It stops when the outbox is empty and every campaign card shows its final member count on both
 * platforms (and the unrelated alert is posted), or at the deadline, and prints {@code key=value}
 * lines and a table. What the fakes show is timestamped by polling them every 200 ms.
 * <p>
 * Usage: {@code ChatStorm [--deadline 20m]}; run by {@code bench/chat/run.sh}. Never run by the
 * test suite.
 */
public final class ChatStorm {

    static final int SECTORS = 5;
    static final int PER_SECTOR = 400;
    static final int FAILING_PER_SECTOR = 100;
    static final int FAILURES_WITHIN_S = 30;
    static final int SLASH_EACH = 200;
    static final Duration SLASH_OVER = Duration.ofSeconds(40);
    /** The unrelated target goes DOWN at this second of the storm (its third failure). */
    static final int UNRELATED_DOWN_S = 15;
    /** The check results stop once every failing target is DOWN and at least this long has passed. */
    static final Duration FEED_AT_LEAST = Duration.ofSeconds(45);
    static final long POLL_MILLIS = 200;
    static final String UNRELATED = "unrelated";
    static final String COMMAND = "/varde";
    private static final Pattern MORE = Pattern.compile("^(.*?)(?: \\+(\\d+) more)?$", Pattern.DOTALL);

    private ChatStorm() {
    }

    /** Slack channel of sector {@code s}: {@code C0S0} .. {@code C0S4}. */
    static String slackChannel(int s) {
        return "C0S" + s;
    }

    /** Discord channel of sector {@code s}: the fake's own channel for s0, then ...201 .. ...204. */
    static String discordChannel(int s) {
        return s == 0 ? FakeDiscord.CHANNEL_ID : Long.toString(Long.parseLong(FakeDiscord.CHANNEL_ID) + s);
    }

    public static void main(String[] args) throws Exception {
        Duration deadline = Duration.ofMinutes(20);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--deadline") && i + 1 < args.length) {
                deadline = Durations.parse(args[++i]);
            } else if (args[i].startsWith("--deadline=")) {
                deadline = Durations.parse(args[i].substring("--deadline=".length()));
            } else {
                System.err.println("usage: ChatStorm [--deadline 20m]");
                System.exit(2);
            }
        }
        Path dir = Files.createTempDirectory("varde-chatstorm");
        try {
            run(dir, deadline);
        } finally {
            deleteTree(dir);
        }
        // JDA, OkHttp and Bolt leave non-daemon threads behind.
        System.exit(0);
    }

    /** Targets {@code s<N>-<i>} (sector, org) and last the unrelated one (org only). */
    static List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (int s = 0; s < SECTORS; s++) {
            for (int i = 0; i < PER_SECTOR; i++) {
                String id = String.format(Locale.ROOT, "s%d-%03d", s, i);
                out.add(target(id, Map.of("sector", "s" + s, "org", "s" + s + "-org" + i % 20)));
            }
        }
        out.add(target(UNRELATED, Map.of("org", UNRELATED)));
        return out;
    }

    private static Target target(String id, Map<String, String> labels) {
        return new Target(id, id + ".example", HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)),
                Duration.ofSeconds(30), Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.of(labels),
                List.of(), List.of(), false);
    }

    /** Whether target {@code i} of its sector is one of the 100 that fail. */
    static boolean failing(int indexInSector) {
        return indexInSector % (PER_SECTOR / FAILING_PER_SECTOR) == 0;
    }

    /** The team file: one route per sector to its Slack and Discord channel, one for the unrelated target. */
    static TeamConfig teamConfig() {
        List<Route> routes = new ArrayList<>();
        for (int s = 0; s < SECTORS; s++) {
            routes.add(route("sector-s" + s, "sector=\"s" + s + "\"", s));
        }
        routes.add(route(UNRELATED, "org=\"" + UNRELATED + "\"", 0));
        return new TeamConfig(new Team(Map.of(), Role.VIEWER, Duration.ofDays(7)), routes,
                new Route("default", new Matchers(List.of()), Severity.INFO, List.of(), null, List.of(), null),
                Map.of(), Map.of());
    }

    /** A route to sector {@code s}'s channels: no policy, no group-by, no reminders. */
    private static Route route(String name, String match, int s) {
        return new Route(name, Matchers.parse(match), Severity.INFO,
                List.of("slack:" + slackChannel(s), "discord:" + discordChannel(s)), null, List.of(), null);
    }

    /** The shipped {@code sector-campaign} rule of rules/correlation.yaml. */
    static CorrelationRules rules() {
        return new CorrelationRules(List.of(new Rule.Campaign("sector-campaign", Matchers.parse("sector=~\".+\""),
                List.of("sector"), 3, Duration.ofMinutes(10), Severity.CRITICAL)));
    }

    private static void run(Path dir, Duration deadline) throws Exception {
        Clock clock = Clock.systemUTC();
        List<Target> targets = targets();
        TeamConfig team = teamConfig();
        List<String> moreDiscord = new ArrayList<>();
        for (int s = 1; s < SECTORS; s++) {
            moreDiscord.add(discordChannel(s));
        }
        List<AutoCloseable> closeInOrder = new ArrayList<>();
        FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT, clock);
        closeInOrder.add(0, slack);
        slack.limitPostsPerChannel(Duration.ofSeconds(1));
        FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD, clock, moreDiscord);
        closeInOrder.add(0, discord);
        try {
            SlackSettings slackSettings = new SlackSettings(FakeTokens.SLACK_BOT, null, ChatStack.SECRET,
                    URI.create(slack.apiUrl()), null, COMMAND, Duration.ofSeconds(1));
            DiscordSettings discordSettings = new DiscordSettings(FakeTokens.DISCORD, FakeDiscord.GUILD_ID,
                    URI.create(discord.restUrl()), URI.create(discord.gatewayUrl()), null);
            VardeConfig config = new VardeConfig(dir, targets, SchedulerSettings.DEFAULTS, team, rules(),
                    IntelSources.NONE, Optional.of(slackSettings), Optional.of(discordSettings));

            Database db = Database.open(DbSettings.embedded(dir));
            closeInOrder.add(0, db);
            BenchChatPlatforms chats = new BenchChatPlatforms(config, clock);
            closeInOrder.add(0, chats);
            JdbcOutboxStore outbox = new JdbcOutboxStore(db);
            DeliveryWorker worker = new DeliveryWorker(outbox, chats.notifiers(),
                    chats.rateLimits(RateLimits.defaults()), Backoff.standard());
            AtomicLong lastChange = new AtomicLong();
            AtomicInteger changes = new AtomicInteger();
            Correlator correlator = new Correlator(config.correlation(), targets);
            IncidentService incidents = new IncidentService(new JdbcIncidentStore(db), team, targets,
                    correlator::mayCampaign, () -> {
                lastChange.set(System.nanoTime());
                changes.incrementAndGet();
                worker.wake();
            });
            Monitor monitor = new Monitor(targets);
            JdbcCheckHistory checkHistory = new JdbcCheckHistory(db);
            HistoryRecorder history = new HistoryRecorder(checkHistory);
            StatusBoard board = new StatusBoard(targets, monitor, checkHistory);
            worker.start(clock);
            closeInOrder.add(0, worker);

            ThreadPoolExecutor intake = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> daemon(r, "varde-incidents"));
            closeInOrder.add(0, () -> {
                intake.shutdown();
                intake.awaitTermination(15, TimeUnit.SECONDS);
            });
            Signals signals = new Signals(correlator, incidents, findings -> { });
            AtomicInteger submitted = new AtomicInteger();
            AtomicInteger applied = new AtomicInteger();
            java.util.function.Consumer<List<DetectionEvent>> apply = events -> {
                if (!events.isEmpty()) {
                    submitted.incrementAndGet();
                    intake.execute(() -> {
                        try {
                            events.forEach(e -> safely(() -> signals.detected(e)));
                        } finally {
                            applied.incrementAndGet();
                        }
                    });
                }
            };
            // The sweep job of Wiring, every second.
            ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "varde-sweep"));
            closeInOrder.add(0, () -> {
                sweep.shutdownNow();
                sweep.awaitTermination(5, TimeUnit.SECONDS);
                history.flush(clock.instant());
            });
            sweep.scheduleAtFixedRate(() -> {
                Instant now = clock.instant();
                safely(() -> apply.accept(monitor.tick(now)));
                safely(() -> incidents.sweep(now));
                intake.execute(() -> safely(() -> signals.tick(now)));
                safely(() -> history.flushIfDue(now));
            }, 1, 1, TimeUnit.SECONDS);

            CommandExecutor commands = new CommandExecutor(incidents, board::reports, team.team(), clock);
            chats.serve(commands, incidents, clock);
            WebServer web = WebServer.start(new InetSocketAddress("127.0.0.1", 0), chats.routes());
            closeInOrder.add(0, web);
            awaitReady(chats.checks(), Duration.ofSeconds(60));

            Slash slash = new Slash(URI.create("http://127.0.0.1:" + web.port() + "/slack/events"), slack);
            slash.warmUp();

            Storm storm = new Storm(targets, monitor, history, apply);
            Watch watch = new Watch(slack, discord, outbox, lastChange);
            long t0 = System.nanoTime();
            storm.start(t0);
            slash.start(t0);
            long end = t0 + deadline.toNanos();
            boolean done = false;
            while (!done && System.nanoTime() < end) {
                Thread.sleep(POLL_MILLIS);
                watch.poll(t0, storm);
                done = storm.finished() && applied.get() == submitted.get() && watch.settled();
            }
            long stopped = System.nanoTime();
            storm.stop();
            slash.stop();
            watch.poll(t0, storm);
            report(t0, stopped, deadline, !done, storm, watch, slash, slack, discord, outbox, changes.get(),
                    lastChange.get());
        } finally {
            for (AutoCloseable c : closeInOrder) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("close failed: " + e);
                }
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            System.err.println("step failed: " + e);
            e.printStackTrace();
        }
    }

    /** Waits until Slack accepts the token and Discord is logged in (the /readyz checks of the platforms). */
    private static void awaitReady(List<Readiness.Check> checks, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> failing = new ArrayList<>();
            for (Readiness.Check c : checks) {
                Readiness.Result r = c.probe().get();
                if (!r.ok()) {
                    failing.add(c.name() + ": " + r.detail());
                }
            }
            if (failing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("chat platforms not ready: " + failing);
            }
            Thread.sleep(100);
        }
    }

    /**
     * The synthetic probes, on one thread ({@code storm-checks}, as the probe threads of the bot):
     * every target gets a result every 1-2 s; a failing target FAIL from its start time until the
     * monitor says DOWN; the unrelated target fails at 13, 14 and 15 s.
     */
    static final class Storm {

        private final List<Target> targets;
        private final Monitor monitor;
        private final HistoryRecorder history;
        private final java.util.function.Consumer<List<DetectionEvent>> apply;
        /** Nanos after t0 when each target starts failing; -1 never. */
        private final long[] failFrom;
        private final Random random = new Random(13);
        final Map<String, Long> downAt = new ConcurrentHashMap<>();
        private final int failingCount;
        private final AtomicInteger results = new AtomicInteger();
        private volatile boolean stop;
        private volatile boolean fed;
        private Thread thread;

        Storm(List<Target> targets, Monitor monitor, HistoryRecorder history,
              java.util.function.Consumer<List<DetectionEvent>> apply) {
            this.targets = targets;
            this.monitor = monitor;
            this.history = history;
            this.apply = apply;
            this.failFrom = new long[targets.size()];
            int n = 0;
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                if (t.id().equals(UNRELATED)) {
                    failFrom[i] = TimeUnit.SECONDS.toNanos(UNRELATED_DOWN_S - 2);
                    n++;
                } else if (failing(i % PER_SECTOR)) {
                    failFrom[i] = (long) (random.nextDouble() * TimeUnit.SECONDS.toNanos(FAILURES_WITHIN_S));
                    n++;
                } else {
                    failFrom[i] = -1;
                }
            }
            this.failingCount = n;
        }

        void start(long t0) {
            thread = daemon(() -> feed(t0), "storm-checks");
            thread.start();
        }

        /** Every failing target is DOWN and the results stopped. */
        boolean finished() {
            return fed;
        }

        int results() {
            return results.get();
        }

        void stop() throws InterruptedException {
            stop = true;
            if (thread != null) {
                thread.join(5000);
            }
        }

        private void feed(long t0) {
            // {due nanos after t0, target index}
            PriorityQueue<long[]> due = new PriorityQueue<>(Comparator.comparingLong(a -> a[0]));
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).id().equals(UNRELATED)) {
                    due.add(new long[] {TimeUnit.SECONDS.toNanos(1), i});
                } else {
                    due.add(new long[] {(long) (random.nextDouble() * TimeUnit.SECONDS.toNanos(2)), i});
                }
            }
            long feedAtLeast = FEED_AT_LEAST.toNanos();
            while (!stop) {
                long now = System.nanoTime() - t0;
                if (downAt.size() == failingCount && now >= feedAtLeast) {
                    break;
                }
                long[] next = due.peek();
                if (next == null) {
                    sleepNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                if (next[0] > now) {
                    sleepNanos(Math.min(next[0] - now, TimeUnit.MILLISECONDS.toNanos(20)));
                    continue;
                }
                due.poll();
                int i = (int) next[1];
                Target t = targets.get(i);
                Instant at = Instant.now();
                boolean fails = failFrom[i] >= 0 && now >= failFrom[i];
                CheckResult r = fails ? TestTargets.fail(t.id(), at) : TestTargets.ok(t.id(), at, 40);
                history.add(r);
                results.incrementAndGet();
                List<DetectionEvent> events = monitor.onResult(r, at);
                for (DetectionEvent e : events) {
                    if (e instanceof DetectionEvent.StateChanged c && c.to() == TargetState.DOWN) {
                        downAt.putIfAbsent(c.target().id(), System.nanoTime());
                    }
                }
                apply.accept(events);
                if (downAt.containsKey(t.id())) {
                    continue; // DOWN: this harness stops checking it
                }
                long step = t.id().equals(UNRELATED) && fails
                        ? TimeUnit.SECONDS.toNanos(1)
                        : TimeUnit.MILLISECONDS.toNanos(1000 + random.nextInt(1001));
                long nextAt = next[0] + step;
                if (t.id().equals(UNRELATED) && !fails && nextAt > failFrom[i]) {
                    nextAt = failFrom[i];
                }
                due.add(new long[] {nextAt, i});
            }
            fed = true;
        }

        /** The latest DOWN of a sector's targets, nanos; 0 if none. */
        long lastDown(int sector) {
            String prefix = "s" + sector + "-";
            return downAt.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                    .max().orElse(0);
        }

        private static void sleepNanos(long nanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 100_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What the fakes show, polled: every Web API / REST call once, stamped with the poll that first
     * saw it; when each campaign card first shows its final member count; when the outbox is empty.
     */
    static final class Watch {

        private final FakeSlack slack;
        private final FakeDiscord discord;
        private final JdbcOutboxStore outbox;
        private final AtomicLong lastChange;
        private int slackSeen;
        private int discordSeen;
        /** Top-level posts (nanos), by platform; thread replies / Discord replies; edits. */
        final List<Long> slackPosts = new ArrayList<>();
        final List<Long> discordPosts = new ArrayList<>();
        int slackReplies;
        int slackEdits;
        int slack429s;
        int discordReplies;
        int discordEdits;
        int discordRefused;
        final long[] slackFinal = new long[SECTORS];
        final long[] discordFinal = new long[SECTORS];
        /** The member count each sector's campaign card shows at the last poll (-1: no card). */
        final int[] slackMembers = new int[SECTORS];
        final int[] discordMembers = new int[SECTORS];
        final Map<String, Integer> slackPostsByChannel = new HashMap<>();
        final Map<String, Integer> slackEditsByChannel = new HashMap<>();
        long unrelatedSlack;
        long unrelatedDiscord;
        /** The first poll that saw the outbox empty after the last change; 0 while not empty. */
        long emptyAt;
        long emptyAfterChange;
        int pending = -1;
        int maxPending;

        Watch(FakeSlack slack, FakeDiscord discord, JdbcOutboxStore outbox, AtomicLong lastChange) {
            this.slack = slack;
            this.discord = discord;
            this.outbox = outbox;
            this.lastChange = lastChange;
        }

        void poll(long t0, Storm storm) {
            long now = System.nanoTime();
            List<FakeSlack.Call> calls = slack.calls();
            for (int i = slackSeen; i < calls.size(); i++) {
                FakeSlack.Call c = calls.get(i);
                if (c.httpStatus() == 429) {
                    slack429s++;
                }
                if (c.httpStatus() != 200 || c.error() != null) {
                    continue;
                }
                String channel = c.params().getOrDefault("channel", "");
                if (c.method().equals("chat.postMessage")) {
                    String thread = c.params().get("thread_ts");
                    if (thread != null && !thread.isEmpty()) {
                        slackReplies++;
                    } else {
                        slackPosts.add(now);
                        slackPostsByChannel.merge(channel, 1, Integer::sum);
                        if (unrelatedSlack == 0 && c.params().getOrDefault("text", "").contains(UNRELATED)) {
                            unrelatedSlack = now;
                        }
                    }
                } else if (c.method().equals("chat.update")) {
                    slackEdits++;
                    slackEditsByChannel.merge(channel, 1, Integer::sum);
                }
            }
            slackSeen = calls.size();
            List<FakeDiscord.Call> dcalls = discord.calls();
            for (int i = discordSeen; i < dcalls.size(); i++) {
                FakeDiscord.Call c = dcalls.get(i);
                if (!c.path().startsWith("channels/")) {
                    continue;
                }
                if (c.status() != 200) {
                    discordRefused++;
                    continue;
                }
                if (c.method().equals("POST") && c.path().endsWith("/messages")) {
                    if (c.body().has("message_reference")) {
                        discordReplies++;
                    } else {
                        discordPosts.add(now);
                        if (unrelatedDiscord == 0 && c.body().path("embeds").path(0).path("title").asText("")
                                .contains(UNRELATED)) {
                            unrelatedDiscord = now;
                        }
                    }
                } else if (c.method().equals("PATCH")) {
                    discordEdits++;
                }
            }
            discordSeen = dcalls.size();
            for (int s = 0; s < SECTORS; s++) {
                if (slackFinal[s] == 0) {
                    slackMembers[s] = slack.messages(slackChannel(s)).stream()
                            .mapToInt(m -> slackCampaignMembers(m.blocks())).max().orElse(-1);
                    slackFinal[s] = slackMembers[s] == FAILING_PER_SECTOR ? now : 0;
                }
                if (discordFinal[s] == 0) {
                    discordMembers[s] = discord.messages(discordChannel(s)).stream()
                            .mapToInt(m -> discordCampaignMembers(m.embeds())).max().orElse(-1);
                    discordFinal[s] = discordMembers[s] == FAILING_PER_SECTOR ? now : 0;
                }
            }
            pending = outbox.pendingCount();
            maxPending = Math.max(maxPending, pending);
            long change = lastChange.get();
            if (pending == 0 && change != 0) {
                if (emptyAfterChange != change) {
                    emptyAfterChange = change;
                    emptyAt = now;
                }
            } else {
                emptyAfterChange = 0;
                emptyAt = 0;
            }
        }

        /** Everything arrived: the queue is empty and every card and the unrelated alert are shown. */
        boolean settled() {
            return pending == 0 && emptyAt != 0 && unrelatedSlack != 0 && unrelatedDiscord != 0
                    && Arrays.stream(slackFinal).allMatch(x -> x != 0) && Arrays.stream(discordFinal).allMatch(x -> x != 0);
        }

        /** Members of a Slack campaign card (header "Campaign on ..."), by its Targets field; -1 for other messages. */
        static int slackCampaignMembers(JsonNode blocks) {
            boolean campaign = false;
            for (JsonNode b : blocks) {
                if (b.path("type").asText().equals("header") && b.path("text").path("text").asText().contains("Campaign on")) {
                    campaign = true;
                }
                if (campaign && b.path("type").asText().equals("section")) {
                    for (JsonNode f : b.path("fields")) {
                        String text = f.path("text").asText();
                        if (text.startsWith("*Targets*\n")) {
                            return members(text.substring("*Targets*\n".length()));
                        }
                    }
                }
            }
            return -1;
        }

        /** Members of a Discord campaign embed, by its Targets field; -1 for other messages. */
        static int discordCampaignMembers(JsonNode embeds) {
            JsonNode e = embeds.path(0);
            if (!e.path("title").asText().contains("Campaign on")) {
                return -1;
            }
            for (JsonNode f : e.path("fields")) {
                if (f.path("name").asText().equals("Targets")) {
                    return members(f.path("value").asText());
                }
            }
            return -1;
        }

        /** "a, b, c, d, e +95 more" (IncidentCards' Targets field) as 100. */
        static int members(String value) {
            Matcher m = MORE.matcher(value.strip());
            if (!m.matches() || m.group(1).isBlank()) {
                return 0;
            }
            int named = m.group(1).split(", ").length;
            return named + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
        }
    }

    /**
     * The slash commands: 200 {@code status} and 200 {@code incidents}, interleaved, evenly over the
     * first 40 s, one client thread, each signed as Slack signs it.
     */
    static final class Slash {

        private final URI url;
        private final FakeSlack slack;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final List<Long> statusNanos = new ArrayList<>();
        final List<Long> incidentsNanos = new ArrayList<>();
        int ok;
        int workingOn;
        int bad;
        final List<String> problems = new ArrayList<>();
        private volatile boolean stop;
        private Thread thread;
        private long finishedAt;

        Slash(URI url, FakeSlack slack) {
            this.url = url;
            this.slack = slack;
        }

        /** A few commands before the storm (not counted), so Bolt and the command paths are loaded. */
        void warmUp() throws IOException, InterruptedException {
            for (int i = 0; i < 6; i++) {
                send(i % 2 == 0 ? "status" : "incidents", "warmup-" + i);
            }
            synchronized (this) {
                ok = 0;
                workingOn = 0;
                bad = 0;
                problems.clear();
            }
        }

        void start(long t0) {
            thread = daemon(() -> {
                long gap = SLASH_OVER.toNanos() / (2L * SLASH_EACH);
                for (int i = 0; i < 2 * SLASH_EACH && !stop; i++) {
                    long dueAt = t0 + i * gap;
                    long wait = dueAt - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    String words = i % 2 == 0 ? "status" : "incidents";
                    try {
                        long took = send(words, "slash-" + i);
                        (i % 2 == 0 ? statusNanos : incidentsNanos).add(took);
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        synchronized (this) {
                            bad++;
                            problems.add(words + ": " + e);
                        }
                    }
                }
                finishedAt = System.nanoTime();
            }, "storm-slash");
            thread.start();
        }

        void stop() throws InterruptedException {
            stop = true;
            if (thread != null) {
                thread.join(10_000);
            }
        }

        /** One signed command; returns its round trip in nanos and counts its answer. */
        private long send(String words, String name) throws IOException, InterruptedException {
            String body = SlackRequests.slashCommand(COMMAND, words, "U0VIEWER", "viewer", slackChannel(0),
                    slack.responseUrl(name));
            Map<String, String> headers = SlackRequests.signedHeaders(ChatStack.SECRET,
                    Instant.now().getEpochSecond(), body);
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            long start = System.nanoTime();
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            synchronized (this) {
                if (answer.statusCode() != 200 || answer.body().isBlank()) {
                    bad++;
                    if (problems.size() < 5) {
                        problems.add(words + ": HTTP " + answer.statusCode() + " " + cut(answer.body()));
                    }
                } else if (answer.body().contains("Working on")) {
                    workingOn++;
                } else {
                    ok++;
                }
            }
            return took;
        }

        private static String cut(String s) {
            return s.length() > 120 ? s.substring(0, 120) + "..." : s;
        }
    }

    private static void report(long t0, long stopped, Duration deadline, boolean deadlineHit, Storm storm, Watch w,
                               Slash slash, FakeSlack slack, FakeDiscord discord, JdbcOutboxStore outbox,
                               int changes, long lastChange) {
        long first60 = t0 + TimeUnit.SECONDS.toNanos(60);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("targets", Integer.toString(SECTORS * PER_SECTOR));
        out.put("failing", Integer.toString(SECTORS * FAILING_PER_SECTOR));
        out.put("sectors", Integer.toString(SECTORS));
        out.put("deadline", Durations.format(deadline));
        out.put("deadline_hit", Boolean.toString(deadlineHit));
        out.put("storm_s", secs(stopped - t0));
        out.put("check_results", Integer.toString(storm.results()));
        out.put("targets_down", Integer.toString(storm.downAt.size()));
        out.put("incident_changes", Integer.toString(changes));
        out.put("last_change_s", lastChange == 0 ? "none" : secs(lastChange - t0));
        out.put("slack_top_level_first_60s", Long.toString(w.slackPosts.stream().filter(x -> x <= first60).count()));
        out.put("slack_top_level_total", Integer.toString(w.slackPosts.size()));
        out.put("slack_thread_replies", Integer.toString(w.slackReplies));
        out.put("slack_edits", Integer.toString(w.slackEdits));
        out.put("slack_429s", Integer.toString(slack.rateLimitViolations()));
        out.put("discord_posts_first_60s", Long.toString(w.discordPosts.stream().filter(x -> x <= first60).count()));
        out.put("discord_posts_total", Integer.toString(w.discordPosts.size()));
        out.put("discord_replies", Integer.toString(w.discordReplies));
        out.put("discord_edits", Integer.toString(w.discordEdits));
        out.put("discord_refused_calls", Integer.toString(w.discordRefused));
        double slackMax = -1;
        double discordMax = -1;
        boolean slackAll = true;
        boolean discordAll = true;
        for (int s = 0; s < SECTORS; s++) {
            long lastDown = storm.lastDown(s);
            out.put("campaign_s" + s + "_last_down_s", lastDown == 0 ? "none" : secs(lastDown - t0));
            out.put("campaign_s" + s + "_slack_final_s", since(w.slackFinal[s], lastDown));
            out.put("campaign_s" + s + "_discord_final_s", since(w.discordFinal[s], lastDown));
            out.put("campaign_s" + s + "_slack_members_shown", Integer.toString(w.slackMembers[s]));
            out.put("campaign_s" + s + "_discord_members_shown", Integer.toString(w.discordMembers[s]));
            if (w.slackFinal[s] == 0 || lastDown == 0) {
                slackAll = false;
            } else {
                slackMax = Math.max(slackMax, (w.slackFinal[s] - lastDown) / 1e9);
            }
            if (w.discordFinal[s] == 0 || lastDown == 0) {
                discordAll = false;
            } else {
                discordMax = Math.max(discordMax, (w.discordFinal[s] - lastDown) / 1e9);
            }
        }
        out.put("campaign_slack_final_max_s", slackAll ? fmt(slackMax) : "none");
        out.put("campaign_discord_final_max_s", discordAll ? fmt(discordMax) : "none");
        out.put("queue_empty_s", w.emptyAt == 0 || lastChange == 0 ? "none" : secs(w.emptyAt - lastChange));
        out.put("queue_max_pending", Integer.toString(w.maxPending));
        out.put("queue_pending_at_end", Integer.toString(outbox.pendingCount()));
        Long unrelatedDown = storm.downAt.get(UNRELATED);
        out.put("unrelated_down_s", unrelatedDown == null ? "none" : secs(unrelatedDown - t0));
        out.put("unrelated_posted_slack_s", unrelatedDown == null ? "none" : since(w.unrelatedSlack, unrelatedDown));
        out.put("unrelated_posted_discord_s", unrelatedDown == null ? "none" : since(w.unrelatedDiscord, unrelatedDown));
        out.put("slash_status_p50_ms", pct(slash.statusNanos, 50));
        out.put("slash_status_p99_ms", pct(slash.statusNanos, 99));
        out.put("slash_status_max_ms", pct(slash.statusNanos, 100));
        out.put("slash_incidents_p50_ms", pct(slash.incidentsNanos, 50));
        out.put("slash_incidents_p99_ms", pct(slash.incidentsNanos, 99));
        out.put("slash_incidents_max_ms", pct(slash.incidentsNanos, 100));
        out.put("slash_sent", Integer.toString(slash.statusNanos.size() + slash.incidentsNanos.size()));
        out.put("slash_answered", Integer.toString(slash.ok));
        out.put("slash_working_on", Integer.toString(slash.workingOn));
        out.put("slash_failed", Integer.toString(slash.bad));
        out.put("slash_span_s", slash.finishedAt == 0 ? "none" : secs(slash.finishedAt - t0));
        out.forEach((k, v) -> System.out.println(k + "=" + v));
        slash.problems.forEach(p -> System.out.println("# slash problem: " + p));

        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "", "slack", "discord");
        row("top-level posts, first 60 s", out.get("slack_top_level_first_60s"), out.get("discord_posts_first_60s"));
        row("top-level posts, total", out.get("slack_top_level_total"), out.get("discord_posts_total"));
        row("thread replies / replies", out.get("slack_thread_replies"), out.get("discord_replies"));
        row("edits", out.get("slack_edits"), out.get("discord_edits"));
        for (int s = 0; s < SECTORS; s++) {
            row("s" + s + " card final after (s)", out.get("campaign_s" + s + "_slack_final_s"),
                    out.get("campaign_s" + s + "_discord_final_s"));
        }
        row("card final, max (s)", out.get("campaign_slack_final_max_s"), out.get("campaign_discord_final_max_s"));
        row("unrelated posted after (s)", out.get("unrelated_posted_slack_s"), out.get("unrelated_posted_discord_s"));
        row("429s / refused calls", out.get("slack_429s"), out.get("discord_refused_calls"));
        System.out.printf(Locale.ROOT, "queue empty %s s after the last change; storm %s s%s%n",
                out.get("queue_empty_s"), out.get("storm_s"), deadlineHit ? " (deadline hit)" : "");
        System.out.printf(Locale.ROOT, "slash status p50/p99 %s/%s ms, incidents p50/p99 %s/%s ms, %s of %s answered%n",
                out.get("slash_status_p50_ms"), out.get("slash_status_p99_ms"), out.get("slash_incidents_p50_ms"),
                out.get("slash_incidents_p99_ms"), out.get("slash_answered"), out.get("slash_sent"));
        System.out.println("slack posts by channel " + new java.util.TreeMap<>(w.slackPostsByChannel)
                + ", edits by channel " + new java.util.TreeMap<>(w.slackEditsByChannel));
        System.out.flush();
    }

    private static void row(String name, String slack, String discord) {
        System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", name, slack, discord);
    }

    private static String since(long at, long from) {
        return at == 0 || from == 0 ? "none" : secs(at - from);
    }

    private static String secs(long nanos) {
        return fmt(nanos / 1e9);
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** The p-th percentile (nearest rank) in ms; p=100 is the max. */
    private static String pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return "none";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, rank - 1)] / 1e6);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
