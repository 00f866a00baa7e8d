package io.varde.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.varde.app.BenchVardeProcess;
import io.varde.core.Durations;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.StoppablePostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster chaos: three real nodes (the jar, {@code -Dvarde.jar}, each in its own JVM under its own
 * {@code VARDE_NODE_NAME}) on one embedded PostgreSQL ({@link StoppablePostgres}), in Slack HTTP
 * mode against {@link FakeSlack} (every Web API call answered 300-500 ms after it took effect) as
 * the default channel, while sites fail and recover, nodes are SIGKILLed and the database goes away.
 * <p>
 * {@code --targets} local sites (one JDK HTTP server on 127.0.0.1, {@code /t/<i>}), checked every
 * 5 s (so 200 checks a second for 1,000 on the coordinator: about a fifth of a core on this
 * machine, next to the farm, PostgreSQL, the standbys and the restarts), DOWN after 2 failures, UP
 * after 2 successes; no correlation rule, so each site is an incident of its own. The run: 6 waves
 * of 50 sites (300 distinct, seeded), one every 80 s: each wave flips its sites to 503 over 10 s
 * and back over 10 s, 70 s after it began. Meanwhile {@code --kills} SIGKILLs of a random running
 * node at seeded moments at least 15 s apart (none from 25 s before the outage until 15 s after it,
 * so that the outage is measured alone and a killed node can start again), each node started
 * again under the same name and data directory 3-6 s after its kill, or, for the coordinator,
 * after another node took over (a process of the same name starting within the lease would take
 * its predecessor's lease back, and no takeover would be seen); and once, 5 s into the middle
 * wave, PostgreSQL stopped for {@code --outage} and started again on the same data and port. Then
 * the run waits until quiet (every target UP on the coordinator, no open site incident, no Slack
 * call for 20 s), stops the nodes with SIGTERM and counts, from the fake and the database:
 * incidents opened and resolved, revisions posted (posts, edits, replies), duplicates (an incident
 * posted twice, the same reply twice in a thread, a site in two incidents), lost alerts (a site
 * that went down without an incident, by wave; an incident never posted or not shown resolved;
 * outbox rows left pending or failed), how long alerts waited for the channel (Slack's 1 message
 * a second per channel: 300 incidents in one channel queue up), the takeover time after each
 * coordinator kill (from the kill to a survivor's {@code /api/cluster} naming another
 * coordinator), kills of the coordinator and of standbys, and the outage: its duration, what
 * {@code /readyz} said on each node during it, the checks the farm saw meanwhile, and who
 * coordinated after. Lost-node notices (kind {@code NODE_LOST}) are counted apart, with those
 * that no kill explains (false alarms). Prints {@code key=value} lines, any problem found, then a
 * table; progress lines start with {@code #}.
 * <p>
 * Usage: {@code ClusterChaos [--kills 20] [--seed 1] [--targets 1000] [--outage 60s] [--deadline 30m]
 * [--logs DIR] [--waves 6]}; run by {@code bench/cluster/run.sh}. Never run by the test suite. {@code --logs}
 * keeps every node process's standard output and error there, with the Slack channel and the
 * incidents and outbox as they ended.
 */
public final class ClusterChaos {

    static final String CHANNEL = "C0OPS";
    static final String DATABASE = "chaos";
    static final String SECRET = "cluster-chaos-signing-secret-000";
    static final List<String> NAMES = List.of("n1", "n2", "n3");
    static final int PER_WAVE = 50;
    static final Duration WAVE_EVERY = Duration.ofSeconds(80);
    static final Duration FLIP_OVER = Duration.ofSeconds(10);
    /** From a wave's start to the start of its recovery. */
    static final Duration RECOVER_AFTER = Duration.ofSeconds(70);
    static final Duration OUTAGE_INTO_WAVE = Duration.ofSeconds(5);
    static final Duration KILL_GAP = Duration.ofSeconds(15);
    static final Duration CALM_BEFORE_OUTAGE = Duration.ofSeconds(25);
    static final Duration CALM_AFTER_OUTAGE = Duration.ofSeconds(15);
    static final Duration QUIET = Duration.ofSeconds(20);
    static final Duration START_WAIT = Duration.ofSeconds(120);
    static final Duration TAKEOVER_WAIT = Duration.ofSeconds(60);
    /** A takeover slower than this is a problem (the cluster test's bound). */
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);
    private static final Pattern INCIDENT = Pattern.compile("INC-(\\d+)");
    private static final Pattern REVISION = Pattern.compile("revision (\\d+)");
    private static final Pattern NOTICE_NODE = Pattern.compile("Cluster node (\\S+)");
    private static final Pattern ELECTED = Pattern.compile("event=coordinator_elected node=(\\S+) epoch=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterChaos() {
    }

    /** Options of one run. */
    record Options(int kills, long seed, int targets, Duration outage, Duration deadline, Path logs, int waves) {

        /** 50 sites a wave, fewer when 30 % of the targets would not fill the waves. */
        int perWave() {
            return Math.min(PER_WAVE, targets * 3 / 10 / waves);
        }
    }

    public static void main(String[] args) throws Exception {
        int kills = 20;
        long seed = 1;
        int targets = 1000;
        Duration outage = Duration.ofSeconds(60);
        // Delivery, not the storm, sets the length: ~570 posts and replies at 1 a second in one channel.
        Duration deadline = Duration.ofMinutes(30);
        Path logs = null;
        int waves = 6;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (value == null) {
                usage();
            }
            switch (name) {
                case "--kills" -> kills = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--targets" -> targets = Integer.parseInt(value);
                case "--outage" -> outage = Durations.parse(value);
                case "--deadline" -> deadline = Durations.parse(value);
                case "--logs" -> logs = Path.of(value);
                case "--waves" -> waves = Integer.parseInt(value);
                default -> usage();
            }
            if (!a.contains("=")) {
                i++;
            }
        }
        if (targets < 20 || waves < 1 || targets * 3 / 10 / waves < 1) {
            usage();
        }
        // A short path: varde ctl's Unix socket lives in each node's data directory.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vcc");
        int status;
        try {
            status = new Run(dir, new Options(kills, seed, targets, outage, deadline, logs, waves)).run();
        } finally {
            deleteTree(dir);
        }
        // The HTTP client, the fakes and the farm leave threads behind.
        System.exit(status);
    }

    private static void usage() {
        System.err.println("usage: ClusterChaos [--kills 20] [--seed 1] [--targets 1000 (at least 20)] [--outage 60s]"
                + " [--deadline 30m] [--logs DIR] [--waves 6]");
        System.exit(2);
    }

    /** The site farm: {@code /t/<i>} answers 200, or 503 while {@code i} is in {@link #down}; counts requests. */
    static final class Sites implements AutoCloseable {

        final Set<Integer> down = ConcurrentHashMap.newKeySet();
        final AtomicLong hits = new AtomicLong();
        private final HttpServer server;

        Sites() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> daemon(r, "chaos-sites")));
            server.createContext("/t/", exchange -> {
                hits.incrementAndGet();
                String path = exchange.getRequestURI().getPath();
                int status = 404;
                try {
                    int i = Integer.parseInt(path.substring("/t/".length()));
                    status = down.contains(i) ? 503 : 200;
                } catch (NumberFormatException e) {
                    // 404
                }
                byte[] body = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static String targetId(int i) {
        return String.format(Locale.ROOT, "t%04d", i);
    }

    /** What {@code /api/cluster} of one node said: the coordinator (null: none) and each node's state. */
    record View(String answeredBy, String coordinator, long epoch, Map<String, String> states) {
    }

    /** One kill: when (seconds into the storm), whom, and what followed. */
    record Kill(int n, double at, Instant wall, String node, boolean coordinator, String newCoordinator,
                double takeoverS, int slackInFlight) {
    }

    /** One node: its name and data directory stay; its process changes with every start. */
    static final class Node {
        final String name;
        final Path data;
        volatile BenchVardeProcess process;
        volatile String base;
        volatile boolean up;
        int starts;

        Node(String name, Path data) {
            this.name = name;
            this.data = data;
        }
    }

    /** See {@link ClusterChaos}. */
    static final class Run {
        private final Path dir;
        private final Options o;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Kill> kills = new CopyOnWriteArrayList<>();
        private final List<String> problems = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> readyDuringOutage = new ConcurrentHashMap<>();
        private final Map<String, String> outage = new LinkedHashMap<>();
        private final List<String> allElections = new CopyOnWriteArrayList<>();
        private final ExecutorService restarts = Executors.newCachedThreadPool(r -> daemon(r, "chaos-restart"));
        private final List<Future<?>> pendingRestarts = new CopyOnWriteArrayList<>();
        private Map<String, String> env;
        private Path rules;
        private long t0;
        private long stormT0;
        private long deadlineAt;
        private long outageFrom;
        private long outageTo;

        Run(Path dir, Options o) {
            this.dir = dir;
            this.o = o;
        }

        int run() throws Exception {
            t0 = System.nanoTime();
            deadlineAt = t0 + o.deadline().toNanos();
            try (Sites sites = new Sites(); FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT);
                 StoppablePostgres pg = StoppablePostgres.open(dir.resolve("pg"))) {
                slack.delayAnswers(Duration.ofMillis(300), Duration.ofMillis(500));
                pg.createDatabase(DATABASE);
                rules = rules(sites.port());
                env = new HashMap<>(Map.of("VARDE_DB_URL", pg.jdbcUrl(DATABASE),
                        "VARDE_DB_USER", StoppablePostgres.USER, "VARDE_DB_PASSWORD", StoppablePostgres.USER,
                        "VARDE_HTTP_PORT", "0",
                        "SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", SECRET,
                        "VARDE_SLACK_API_URL", slack.apiUrl(), "SLACK_DEFAULT_CHANNEL", CHANNEL));
                BenchVardeProcess.Finished validate = BenchVardeProcess.run(Map.of("VARDE_DATA_DIR",
                        dir.resolve("validate").toString()), START_WAIT, "validate", "--rules", rules.toString());
                if (validate.status() != 0) {
                    System.out.println("# varde validate failed:\n" + validate.out() + "\n" + validate.err());
                    return 1;
                }
                System.out.println("# varde validate: ok");
                try {
                    return storm(sites, slack, pg);
                } finally {
                    restarts.shutdownNow();
                    for (Node n : nodes.values()) {
                        if (n.process != null && n.process.alive()) {
                            n.process.kill();
                        }
                    }
                }
            }
        }

        private int storm(Sites sites, FakeSlack slack, StoppablePostgres pg) throws Exception {
            for (String name : NAMES) {
                Node n = new Node(name, Files.createDirectories(dir.resolve(name)));
                nodes.put(name, n);
            }
            List<Future<?>> first = new ArrayList<>();
            for (Node n : nodes.values()) {
                first.add(restarts.submit(() -> {
                    start(n);
                    return null;
                }));
            }
            for (Future<?> f : first) {
                f.get();
            }
            View agreed = awaitAgreement(START_WAIT);
            if (agreed == null) {
                System.out.println("# no agreement on a coordinator within " + START_WAIT);
                return 1;
            }
            awaitReady(agreed.coordinator());
            progress("ready: 3 nodes live, " + agreed.coordinator() + " coordinates, " + o.targets() + " targets UP");

            // The plan, all from the seed.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < o.targets(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(o.seed()));
            List<List<Integer>> waves = new ArrayList<>();
            for (int w = 0; w < o.waves(); w++) {
                waves.add(List.copyOf(order.subList(w * o.perWave(), (w + 1) * o.perWave())));
            }
            int outageWave = o.waves() / 2;
            long stormLength = WAVE_EVERY.toNanos() * o.waves();
            outageFrom = WAVE_EVERY.toNanos() * outageWave + OUTAGE_INTO_WAVE.toNanos();
            outageTo = outageFrom + o.outage().toNanos();
            List<Long> moments = killMoments(stormLength, new Random(o.seed() + 1));
            Random victims = new Random(o.seed() + 2);
            Random pauses = new Random(o.seed() + 3);

            stormT0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < o.waves(); w++) {
                threads.add(wave(sites, w, waves.get(w), new Random(o.seed() + 10 + w)));
            }
            Thread outageThread = daemon(() -> guard("outage", () -> outage(sites, pg)), "chaos-outage");
            outageThread.start();
            threads.add(outageThread);
            for (int k = 0; k < moments.size() && System.nanoTime() < deadlineAt; k++) {
                kill(k + 1, moments.get(k), victims, pauses, slack);
            }
            for (Thread t : threads) {
                t.join();
            }
            for (Future<?> f : pendingRestarts) {
                f.get();
            }
            long stormEnd = System.nanoTime();
            progress("storm over: " + kills.size() + " kills, every node running again");
            boolean quiet = awaitQuiet(slack);
            double quietS = secs(System.nanoTime() - stormEnd);
            progress(quiet ? "quiet: no Slack call for " + QUIET.toSeconds() + " s, every target UP, no open site "
                    + "incident" : "deadline hit before quiet");
            Map<String, Integer> exits = new TreeMap<>();
            for (Node n : nodes.values()) {
                int exit = n.process.terminate(Duration.ofSeconds(40));
                boolean clean = n.process.stderr().stream().anyMatch(l -> l.contains("event=stopped"));
                exits.put(n.name + (clean ? "" : " (no event=stopped)"), exit);
                n.up = false;
                keepLogs(n);
            }
            progress("nodes stopped with SIGTERM: exit statuses " + exits);
            Report r = count(slack, pg);
            if (o.logs() != null) {
                dump(slack, pg, o.logs());
            }
            r.print(quiet, quietS, secs(stormEnd - stormT0), sites);
            return 0;
        }

        /**
         * {@code --kills} moments in {@code [5 s, storm end]} outside the outage's calm window, at
         * least {@link #KILL_GAP} apart (less when they do not fit), seeded.
         */
        private List<Long> killMoments(long stormLength, Random random) {
            long from = Duration.ofSeconds(5).toNanos();
            long calmFrom = outageFrom - CALM_BEFORE_OUTAGE.toNanos();
            long calmTo = outageTo + CALM_AFTER_OUTAGE.toNanos();
            long usable = (calmFrom - from) + Math.max(0, stormLength - calmTo);
            int k = o.kills();
            long gap = Math.min(KILL_GAP.toNanos(), usable / Math.max(1, k + 1));
            List<Long> points = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                points.add((long) (random.nextDouble() * (usable - (long) k * gap)));
            }
            Collections.sort(points);
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                long p = points.get(i) + i * gap;
                out.add(p < calmFrom - from ? from + p : calmTo + (p - (calmFrom - from)));
            }
            return out;
        }

        /** Flips a wave down over 10 s, then back over 10 s from 70 s after its start; on its own thread. */
        private Thread wave(Sites sites, int w, List<Integer> members, Random random) {
            Thread t = daemon(() -> guard("wave " + (w + 1), () -> {
                long start = WAVE_EVERY.toNanos() * w;
                sleepUntil(stormT0 + start);
                flip(sites, members, true, random);
                progress("wave " + (w + 1) + ": " + members.size() + " sites flipped to 503");
                sleepUntil(stormT0 + start + RECOVER_AFTER.toNanos());
                List<Integer> back = new ArrayList<>(members);
                Collections.shuffle(back, random);
                flip(sites, back, false, random);
                progress("wave " + (w + 1) + ": flipped back to 200");
            }), "chaos-wave-" + (w + 1));
            t.start();
            return t;
        }

        private void flip(Sites sites, List<Integer> order, boolean toDown, Random random) throws InterruptedException {
            List<List<Integer>> batches = new ArrayList<>();
            for (int i = 0; i < order.size(); ) {
                int n = Math.min(order.size() - i, 3 + random.nextInt(5));
                batches.add(order.subList(i, i + n));
                i += n;
            }
            long gap = FLIP_OVER.toMillis() / Math.max(1, batches.size() - 1);
            for (int b = 0; b < batches.size(); b++) {
                if (toDown) {
                    sites.down.addAll(batches.get(b));
                } else {
                    sites.down.removeAll(batches.get(b));
                }
                if (b + 1 < batches.size()) {
                    Thread.sleep(gap);
                }
            }
        }

        /** PostgreSQL away for {@code --outage}, 5 s into the middle wave; {@code /readyz} asked meanwhile. */
        private void outage(Sites sites, StoppablePostgres pg) throws Exception {
            if (o.outage().isZero()) {
                return;
            }
            sleepUntil(stormT0 + outageFrom);
            View before = anyView().orElse(null);
            String was = before == null ? null : before.coordinator();
            long hits0 = sites.hits.get();
            long stopAt = System.nanoTime();
            pg.stop();
            progress("PostgreSQL stopped (coordinator " + was + ")");
            long until = stopAt + o.outage().toNanos();
            while (System.nanoTime() < until) {
                for (Node n : upNodes()) {
                    String role = n.name.equals(was) ? " (coordinator)" : " (standby)";
                    readyDuringOutage.merge(n.name + role + ": " + readiness(n), 1, Integer::sum);
                }
                long left = until - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(Math.min(1000, left / 1_000_000 + 1));
                }
            }
            long hits1 = sites.hits.get();
            long startAt = System.nanoTime();
            pg.start();
            long back = System.nanoTime();
            double downS = secs(back - stopAt);
            progress(String.format(Locale.ROOT, "PostgreSQL started again after %.1f s", downS));
            View after = awaitAgreement(Duration.ofSeconds(60));
            double agreeS = secs(System.nanoTime() - back);
            outage.put("outage_s", String.format(Locale.ROOT, "%.1f", downS));
            outage.put("outage_restart_s", String.format(Locale.ROOT, "%.1f", secs(back - startAt)));
            outage.put("outage_checks_per_s", String.format(Locale.ROOT, "%.1f",
                    (hits1 - hits0) / secs(startAt - stopAt)));
            outage.put("outage_checks_expected_per_s", String.format(Locale.ROOT, "%.1f",
                    o.targets() / 5.0));
            outage.put("outage_coordinator_before", String.valueOf(was));
            outage.put("outage_coordinator_after", after == null ? "none" : after.coordinator());
            outage.put("outage_agreement_after_s", after == null ? "none within 60 s"
                    : String.format(Locale.ROOT, "%.1f", agreeS));
            progress("after the outage: " + (after == null ? "no agreement within 60 s" : after.coordinator()
                    + " coordinates, agreed " + String.format(Locale.ROOT, "%.1f", agreeS) + " s after the restart"));
            if (after == null) {
                problems.add("no agreement on a coordinator within 60 s of PostgreSQL's return");
            }
        }

        private void kill(int n, long moment, Random victims, Random pauses, FakeSlack slack) throws Exception {
            sleepUntil(stormT0 + moment);
            // At least two nodes up (one to kill, one to take over), and not in the outage's calm window.
            while (upNodes().size() < 2 || inCalm()) {
                Thread.sleep(200);
            }
            List<Node> up = upNodes();
            Node victim = up.get(victims.nextInt(up.size()));
            String was = anyView().map(View::coordinator).orElse(null);
            boolean coordinator = victim.name.equals(was);
            int inFlight = slack.answering();
            long at = System.nanoTime();
            Instant wall = Instant.now();
            victim.up = false;
            victim.process.kill();
            keepLogs(victim);
            long pause = 3000 + pauses.nextInt(3001);
            String line = String.format(Locale.ROOT, "kill %d: %s (%s) at t=%.1f s, slack calls in flight=%d, "
                    + "start again %.1f s after", n, victim.name, coordinator ? "coordinator" : "standby",
                    secs(at - stormT0), inFlight, pause / 1e3);
            if (!coordinator) {
                restartAfter(victim, pause);
                progress(line + " the kill");
                kills.add(new Kill(n, secs(at - stormT0), wall, victim.name, false, null, -1, inFlight));
                return;
            }
            // A coordinator is started again only once another node took over: a process under the same
            // name that starts within the lease takes its dead predecessor's lease back (same holder,
            // same epoch), and no other node would ever be seen taking over.
            line += " the takeover";
            long until = at + TAKEOVER_WAIT.toNanos();
            String next = null;
            while (next == null && System.nanoTime() < until) {
                for (Node s : upNodes()) {
                    Optional<View> v = view(s);
                    if (v.isPresent() && v.get().coordinator() != null && !v.get().coordinator().equals(victim.name)) {
                        next = v.get().coordinator();
                        break;
                    }
                }
                if (next == null) {
                    Thread.sleep(200);
                }
            }
            double takeover = next == null ? -1 : secs(System.nanoTime() - at);
            restartAfter(victim, pause);
            progress(line + (next == null ? "; no takeover within " + TAKEOVER_WAIT.toSeconds() + " s!"
                    : String.format(Locale.ROOT, "; %s took over in %.1f s", next, takeover)));
            kills.add(new Kill(n, secs(at - stormT0), wall, victim.name, true, next, takeover, inFlight));
            if (next == null || takeover > TAKEOVER_LIMIT.toSeconds()) {
                problems.add(String.format(Locale.ROOT, "kill %d of the coordinator %s at t=%.1f s: %s", n, victim.name,
                        secs(at - stormT0), next == null ? "no takeover within " + TAKEOVER_WAIT.toSeconds() + " s"
                                : String.format(Locale.ROOT, "takeover by %s took %.1f s", next, takeover)));
            }
        }

        private void restartAfter(Node victim, long pauseMillis) {
            pendingRestarts.add(restarts.submit(() -> {
                Thread.sleep(pauseMillis);
                start(victim);
                return null;
            }));
        }

        private boolean inCalm() {
            if (o.outage().isZero()) {
                return false;
            }
            long t = System.nanoTime() - stormT0;
            return t >= outageFrom - CALM_BEFORE_OUTAGE.toNanos() && t < outageTo + CALM_AFTER_OUTAGE.toNanos();
        }

        /** Starts {@code n} (again), retrying while it cannot (e.g. exits because the database is away). */
        private void start(Node n) throws Exception {
            while (System.nanoTime() < deadlineAt) {
                Map<String, String> own = new HashMap<>(env);
                own.put("VARDE_NODE_NAME", n.name);
                own.put("VARDE_DATA_DIR", n.data.toString());
                n.starts++;
                BenchVardeProcess p = BenchVardeProcess.start(own, "run", "--rules", rules.toString());
                n.process = p;
                long until = System.nanoTime() + START_WAIT.toNanos();
                String base = null;
                while (base == null && p.alive() && System.nanoTime() < until) {
                    try {
                        base = p.webBase(Duration.ofSeconds(2));
                    } catch (AssertionError notYet) {
                        // not listening yet
                    }
                }
                if (base != null) {
                    n.base = base;
                    n.up = true;
                    if (n.starts > 1) {
                        progress(n.name + " started again (start " + n.starts + ")");
                    }
                    return;
                }
                progress(n.name + " start " + n.starts + " failed (" + (p.alive() ? "not listening" : "exited")
                        + "); again in 3 s");
                p.kill();
                keepLogs(n);
                Thread.sleep(3000);
            }
        }

        private List<Node> upNodes() {
            return nodes.values().stream().filter(n -> n.up).toList();
        }

        private Optional<View> view(Node n) {
            Optional<HttpResponse<String>> r = get(n, "/api/cluster");
            if (r.isEmpty() || r.get().statusCode() != 200) {
                return Optional.empty();
            }
            try {
                JsonNode root = JSON.readTree(r.get().body());
                Map<String, String> states = new TreeMap<>();
                root.path("nodes").forEach(m -> states.put(m.path("name").asText(), m.path("state").asText()));
                JsonNode c = root.get("coordinator");
                return Optional.of(new View(n.name, c == null || c.isNull() ? null : c.asText(),
                        root.path("epoch").asLong(-1), states));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private Optional<View> anyView() {
            for (Node n : upNodes()) {
                Optional<View> v = view(n);
                if (v.isPresent() && v.get().coordinator() != null) {
                    return v;
                }
            }
            return Optional.empty();
        }

        /** Every node up answers with the same coordinator and epoch, and says every node up is live; or null. */
        private View awaitAgreement(Duration max) throws InterruptedException {
            long until = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < until) {
                List<Node> up = upNodes();
                List<View> views = new ArrayList<>();
                up.forEach(n -> view(n).ifPresent(views::add));
                if (!views.isEmpty() && views.size() == up.size()) {
                    View first = views.get(0);
                    boolean agreed = views.stream().allMatch(v -> v.coordinator() != null
                            && v.coordinator().equals(first.coordinator()) && v.epoch() == first.epoch()
                            && up.stream().allMatch(n -> "live".equals(v.states().get(n.name))));
                    if (agreed) {
                        return first;
                    }
                }
                Thread.sleep(200);
            }
            return null;
        }

        /** {@code /readyz} 200 on the coordinator and every target UP there. */
        private void awaitReady(String coordinator) throws Exception {
            Node c = nodes.get(coordinator);
            long until = System.nanoTime() + START_WAIT.toNanos();
            while (System.nanoTime() < until) {
                Optional<HttpResponse<String>> ready = get(c, "/readyz");
                Map<String, String> states = states(c);
                if (ready.isPresent() && ready.get().statusCode() == 200 && states.size() == o.targets()
                        && states.values().stream().allMatch("UP"::equals)) {
                    return;
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException("not ready within " + START_WAIT + ": " + readiness(c));
        }

        /** Until no Slack call for {@link #QUIET}, every target UP and no open site incident, or the deadline. */
        private boolean awaitQuiet(FakeSlack slack) throws Exception {
            int seen = -1;
            long lastCall = System.nanoTime();
            while (System.nanoTime() < deadlineAt) {
                int calls = slack.calls().size();
                if (calls != seen) {
                    seen = calls;
                    lastCall = System.nanoTime();
                }
                if (System.nanoTime() - lastCall >= QUIET.toNanos() && recovered()) {
                    return true;
                }
                Thread.sleep(1000);
            }
            return false;
        }

        private boolean recovered() throws Exception {
            Optional<View> v = anyView();
            if (v.isEmpty()) {
                return false;
            }
            Node c = nodes.get(v.get().coordinator());
            Map<String, String> states = states(c);
            Optional<HttpResponse<String>> open = get(c, "/api/incidents");
            if (open.isEmpty() || open.get().statusCode() != 200) {
                return false;
            }
            for (JsonNode i : JSON.readTree(open.get().body()).path("incidents")) {
                if (!"NODE_LOST".equals(i.path("kind").asText())) {
                    return false;
                }
            }
            return states.size() == o.targets() && states.values().stream().allMatch("UP"::equals);
        }

        private Map<String, String> states(Node n) throws IOException {
            Map<String, String> out = new HashMap<>();
            Optional<HttpResponse<String>> r = get(n, "/api/targets");
            if (r.isEmpty() || r.get().statusCode() != 200) {
                return out;
            }
            for (JsonNode t : JSON.readTree(r.get().body()).path("targets")) {
                out.put(t.path("id").asText(), t.path("state").asText());
            }
            return out;
        }

        /** {@code /readyz} of {@code n} in a few words: {@code "503 failing=database,coordinator"}. */
        private String readiness(Node n) {
            Optional<HttpResponse<String>> r = get(n, "/readyz");
            if (r.isEmpty()) {
                return "no answer within 5 s";
            }
            List<String> failing = new ArrayList<>();
            try {
                for (JsonNode check : JSON.readTree(r.get().body()).path("checks")) {
                    if (!check.path("ok").asBoolean()) {
                        failing.add(check.path("name").asText());
                    }
                }
            } catch (IOException e) {
                failing.add("(not JSON)");
            }
            return r.get().statusCode() + (failing.isEmpty() ? "" : " failing=" + String.join(",", failing));
        }

        private Optional<HttpResponse<String>> get(Node n, String path) {
            String base = n.base;
            if (base == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        private synchronized void keepLogs(Node n) throws IOException {
            BenchVardeProcess p = n.process;
            for (String line : p.stderr()) {
                Matcher m = ELECTED.matcher(line);
                if (m.find()) {
                    allElections.add(n.name + " epoch " + m.group(2));
                }
            }
            if (o.logs() == null) {
                return;
            }
            Files.createDirectories(o.logs());
            Files.write(o.logs().resolve(n.name + "-" + n.starts + ".err"), p.stderr());
            Files.write(o.logs().resolve(n.name + "-" + n.starts + ".out"), p.stdout());
        }

        private Path rules(int port) throws IOException {
            Path dir = Files.createDirectories(this.dir.resolve("rules"));
            StringBuilder targets = new StringBuilder(String.join("\n",
                    "defaults: { interval: 5s, timeout: 2s, failure-threshold: 2, success-threshold: 2 }",
                    "scheduler: { max-per-host: 32 }   # every site is 127.0.0.1",
                    "targets:", ""));
            for (int i = 0; i < o.targets(); i++) {
                targets.append("  - id: ").append(targetId(i)).append('\n')
                        .append("    url: http://127.0.0.1:").append(port).append("/t/").append(i).append('\n');
            }
            Files.writeString(dir.resolve("targets.yaml"), targets.toString());
            return dir;
        }

        /** What the fake shows and the database holds at the end. */
        private Report count(FakeSlack slack, StoppablePostgres pg) throws SQLException {
            Report r = new Report();
            Map<String, String> content = new HashMap<>();
            int postsSeen = 0;
            List<FakeSlack.Message> messages = slack.messages(CHANNEL);
            for (FakeSlack.Call c : slack.calls()) {
                if (c.httpStatus() == 429) {
                    r.http429++;
                }
                if (c.httpStatus() != 200 || c.error() != null) {
                    if (c.method().startsWith("chat.")) {
                        r.refused++;
                    }
                    continue;
                }
                String body = c.params().getOrDefault("text", "") + "\n" + c.params().getOrDefault("blocks", "");
                if (c.method().equals("chat.postMessage")) {
                    String thread = c.params().get("thread_ts");
                    if (thread != null && !thread.isEmpty()) {
                        r.replies++;
                        continue;
                    }
                    if (postsSeen < messages.size()) {
                        content.put(messages.get(postsSeen).ts(), body);
                    }
                    postsSeen++;
                    r.posts++;
                } else if (c.method().equals("chat.update")) {
                    r.edits++;
                    if (body.equals(content.put(c.params().getOrDefault("ts", ""), body))) {
                        r.repeatedEdits++;
                    }
                }
            }
            Map<Long, String> kinds = new HashMap<>();
            Map<Long, Boolean> resolved = new HashMap<>();
            Map<String, List<Long>> incidentsOfSite = new TreeMap<>();
            Map<Long, Integer> finalRevision = new HashMap<>();
            Map<Long, String> living = new HashMap<>();
            try (Connection c = pg.connect(DATABASE); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT number, kind, resolved_at, targets_json FROM incidents")) {
                    while (rs.next()) {
                        long number = rs.getLong(1);
                        kinds.put(number, rs.getString(2));
                        resolved.put(number, rs.getTimestamp(3) != null);
                        if (!"NODE_LOST".equals(rs.getString(2))) {
                            for (JsonNode t : readTree(rs.getString(4))) {
                                incidentsOfSite.computeIfAbsent(t.path("target").asText(), k -> new ArrayList<>())
                                        .add(number);
                            }
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
                    while (rs.next()) {
                        r.outbox.put(rs.getString(1), rs.getInt(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox_in_flight")) {
                    rs.next();
                    r.inFlight = rs.getInt(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT incident, MAX(revision) FROM outbox WHERE channel = "
                        + "'slack:" + CHANNEL + "' GROUP BY incident")) {
                    while (rs.next()) {
                        finalRevision.put(rs.getLong(1), rs.getInt(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT incident, message_ref FROM message_refs WHERE channel = "
                        + "'slack:" + CHANNEL + "'")) {
                    while (rs.next()) {
                        living.put(rs.getLong(1), rs.getString(2));
                    }
                }
                // From opening to the first post in the channel, and from resolving to its last message there.
                try (ResultSet rs = s.executeQuery("SELECT i.opened_at, i.resolved_at, MIN(o.sent_at), MAX(o.sent_at) "
                        + "FROM incidents i JOIN outbox o ON o.incident = i.number WHERE o.channel = 'slack:" + CHANNEL
                        + "' AND o.status = 'sent' AND i.kind <> 'NODE_LOST' GROUP BY i.number, i.opened_at, "
                        + "i.resolved_at")) {
                    while (rs.next()) {
                        r.postDelays.add(seconds(rs.getTimestamp(1), rs.getTimestamp(3)));
                        if (rs.getTimestamp(2) != null) {
                            r.resolvedShownDelays.add(seconds(rs.getTimestamp(2), rs.getTimestamp(4)));
                        }
                    }
                }
                // A lost-node notice with no kill of its node in the minute before it opened is a false alarm.
                try (ResultSet rs = s.executeQuery("SELECT number, title, opened_at FROM incidents "
                        + "WHERE kind = 'NODE_LOST' ORDER BY number")) {
                    while (rs.next()) {
                        Matcher m = NOTICE_NODE.matcher(rs.getString(2));
                        String node = m.find() ? m.group(1) : "?";
                        Instant opened = rs.getTimestamp(3).toInstant();
                        boolean killed = kills.stream().anyMatch(k -> k.node().equals(node)
                                && !k.wall().isAfter(opened) && k.wall().isAfter(opened.minusSeconds(60)));
                        if (!killed) {
                            r.noticesWithoutKill++;
                            problems.add("INC-" + rs.getLong(1) + " \"" + rs.getString(2) + "\" opened at " + opened
                                    + ": no kill of " + node + " in the minute before (a false alarm)");
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT incident, channel, revision, status, attempts, last_error "
                        + "FROM outbox WHERE status IN ('pending', 'failed') ORDER BY id")) {
                    while (rs.next()) {
                        problems.add(String.format(Locale.ROOT, "outbox: INC-%d %s r%d %s attempts=%d error=%s",
                                rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                                rs.getString(6)));
                    }
                }
            }
            kinds.forEach((number, kind) -> {
                boolean notice = "NODE_LOST".equals(kind);
                if (notice) {
                    r.notices++;
                    r.noticesResolved += resolved.get(number) ? 1 : 0;
                } else {
                    r.siteIncidents++;
                    r.siteIncidentsResolved += resolved.get(number) ? 1 : 0;
                    if (!resolved.get(number)) {
                        problems.add("INC-" + number + " (" + kind + ") never resolved");
                    }
                }
            });
            // The channel: top-level messages by incident, their threads.
            Map<Long, List<FakeSlack.Message>> byIncident = new TreeMap<>();
            for (FakeSlack.Message m : messages) {
                Matcher inc = INCIDENT.matcher(m.text());
                if (!inc.find()) {
                    r.unparsed++;
                    continue;
                }
                byIncident.computeIfAbsent(Long.parseLong(inc.group(1)), x -> new ArrayList<>()).add(m);
                List<String> texts = slack.replies(CHANNEL, m.ts()).stream().map(FakeSlack.Message::text).toList();
                int dup = texts.size() - new HashSet<>(texts).size();
                if (dup > 0) {
                    r.duplicatedReplies += dup;
                    problems.add("duplicated replies under INC-" + inc.group(1) + " " + m.ts() + ": "
                            + duplicates(texts));
                }
            }
            for (Map.Entry<Long, String> e : kinds.entrySet()) {
                long number = e.getKey();
                boolean notice = "NODE_LOST".equals(e.getValue());
                List<FakeSlack.Message> own = byIncident.getOrDefault(number, List.of());
                if (own.isEmpty()) {
                    if (notice) {
                        r.noticesNeverPosted++;
                    } else {
                        r.neverPosted++;
                        problems.add("INC-" + number + " (" + e.getValue() + ") never posted");
                    }
                    continue;
                }
                if (notice) {
                    r.noticesPosted++;
                } else {
                    r.sitePosted++;
                }
                if (own.size() > 1) {
                    if (notice) {
                        r.noticesDuplicatedPosts++;
                    } else {
                        r.duplicatedPosts++;
                    }
                    r.extraPosts += own.size() - 1;
                    problems.add("INC-" + number + " (" + e.getValue() + ") has " + own.size() + " top-level messages: "
                            + own.stream().map(m -> m.ts() + " r" + revision(m)).toList() + ", living "
                            + living.get(number));
                }
                Integer expected = finalRevision.get(number);
                String ref = living.get(number);
                Optional<FakeSlack.Message> live = own.stream().filter(m -> m.ts().equals(ref)).findFirst();
                boolean shownResolved = live.isPresent() && live.get().text().startsWith("RESOLVED: ");
                boolean atFinal = live.isPresent() && Integer.valueOf(revision(live.get())).equals(expected);
                if (!notice && (!shownResolved || !atFinal)) {
                    r.notShownResolved++;
                    problems.add("INC-" + number + " shows " + live.map(m -> "r" + revision(m) + " \""
                            + cut(m.text()) + "\"").orElse("no living message (ref " + ref + ")") + ", final r"
                            + expected);
                }
                if (notice && resolved.get(number) && !shownResolved) {
                    r.noticesNotShownResolved++;
                }
            }
            // Sites: every site that went down has one incident.
            Set<String> flipped = new HashSet<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < o.targets(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(o.seed()));
            order.subList(0, o.waves() * o.perWave()).forEach(i -> flipped.add(targetId(i)));
            for (String site : flipped) {
                List<Long> of = incidentsOfSite.getOrDefault(site, List.of());
                if (of.isEmpty()) {
                    r.sitesWithoutIncident++;
                    int wave = order.indexOf(Integer.parseInt(site.substring(1))) / o.perWave() + 1;
                    r.lostByWave.merge("wave" + wave, 1, Integer::sum);
                    problems.add(site + " (wave " + wave + ") went down and got no incident");
                } else if (of.size() > 1) {
                    r.sitesInSeveralIncidents++;
                    problems.add(site + " is in " + of.size() + " incidents: " + of);
                }
            }
            incidentsOfSite.keySet().stream().filter(s -> !flipped.contains(s))
                    .forEach(s -> problems.add(s + " never went down but is in incidents " + incidentsOfSite.get(s)));
            r.sitesFlipped = flipped.size();
            r.sitesInIncidents = (int) flipped.stream().filter(incidentsOfSite::containsKey).count();
            return r;
        }

        /** The channel as the fake shows it, the calls, and the incidents and outbox as they ended. */
        private void dump(FakeSlack slack, StoppablePostgres pg, Path logs) throws IOException, SQLException {
            List<String> lines = new ArrayList<>();
            lines.add("== " + CHANNEL);
            for (FakeSlack.Message m : slack.messages(CHANNEL)) {
                lines.add(m.ts() + " r" + revision(m) + " edits=" + m.edits() + " " + m.text().replace('\n', ' '));
                for (FakeSlack.Message reply : slack.replies(CHANNEL, m.ts())) {
                    lines.add("    " + reply.ts() + " " + reply.text().replace('\n', ' '));
                }
            }
            lines.add("== calls");
            for (FakeSlack.Call c : slack.calls()) {
                lines.add(c.method() + " " + c.httpStatus() + (c.error() == null ? "" : " " + c.error()) + " ts="
                        + c.params().getOrDefault("ts", "") + " thread_ts=" + c.params().getOrDefault("thread_ts", "")
                        + " " + cut(c.params().getOrDefault("text", "")));
            }
            Files.createDirectories(logs);
            Files.write(logs.resolve("slack.txt"), lines);
            lines.clear();
            try (Connection c = pg.connect(DATABASE); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT number, kind, state, revision, title, opened_at, "
                        + "resolved_at FROM incidents ORDER BY number")) {
                    while (rs.next()) {
                        lines.add("INC-" + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " r"
                                + rs.getInt(4) + " opened=" + rs.getString(6) + " resolved=" + rs.getString(7) + " "
                                + rs.getString(5));
                    }
                }
                lines.add("== outbox (id incident channel revision status attempts last_error)");
                try (ResultSet rs = s.executeQuery("SELECT id, incident, channel, revision, status, attempts, "
                        + "last_error FROM outbox ORDER BY id")) {
                    while (rs.next()) {
                        lines.add(rs.getLong(1) + " INC-" + rs.getLong(2) + " " + rs.getString(3) + " r" + rs.getInt(4)
                                + " " + rs.getString(5) + " attempts=" + rs.getInt(6) + " " + rs.getString(7));
                    }
                }
            }
            Files.write(logs.resolve("db.txt"), lines);
        }

        /** The figures. */
        final class Report {
            int posts;
            int edits;
            int replies;
            int repeatedEdits;
            int http429;
            int refused;
            int unparsed;
            int siteIncidents;
            int siteIncidentsResolved;
            int sitePosted;
            int notices;
            int noticesResolved;
            int noticesPosted;
            int noticesNeverPosted;
            int noticesDuplicatedPosts;
            int noticesNotShownResolved;
            int duplicatedPosts;
            int extraPosts;
            int duplicatedReplies;
            int neverPosted;
            int notShownResolved;
            int sitesFlipped;
            int sitesInIncidents;
            int sitesWithoutIncident;
            int sitesInSeveralIncidents;
            int inFlight;
            int noticesWithoutKill;
            final Map<String, Integer> outbox = new TreeMap<>();
            final Map<String, Integer> lostByWave = new TreeMap<>();
            final List<Double> postDelays = new ArrayList<>();
            final List<Double> resolvedShownDelays = new ArrayList<>();

            void print(boolean quiet, double quietS, double stormS, Sites sites) {
                int lostOutbox = outbox.getOrDefault("pending", 0) + outbox.getOrDefault("failed", 0);
                List<Kill> ofCoordinator = kills.stream().filter(Kill::coordinator).toList();
                List<Double> takeovers = ofCoordinator.stream().map(Kill::takeoverS).filter(s -> s >= 0).sorted()
                        .toList();
                Map<String, String> out = new LinkedHashMap<>();
                out.put("seed", Long.toString(o.seed()));
                out.put("targets", Integer.toString(o.targets()));
                out.put("check_interval_s", "5");
                out.put("waves", o.waves() + "x" + o.perWave());
                out.put("storm_s", String.format(Locale.ROOT, "%.1f", stormS));
                out.put("quiet_reached", Boolean.toString(quiet));
                out.put("quiet_after_storm_s", String.format(Locale.ROOT, "%.1f", quietS));
                out.put("kills", Integer.toString(kills.size()));
                out.put("kills_coordinator", Integer.toString(ofCoordinator.size()));
                out.put("kills_standby", Integer.toString(kills.size() - ofCoordinator.size()));
                out.put("kills_with_slack_call_in_flight", Long.toString(kills.stream()
                        .filter(k -> k.slackInFlight() > 0).count()));
                out.put("node_starts", Integer.toString(nodes.values().stream().mapToInt(n -> n.starts).sum()));
                out.put("elections", Integer.toString(allElections.size()));
                out.put("takeovers_measured", Integer.toString(takeovers.size()));
                out.put("takeover_min_s", takeovers.isEmpty() ? "-" : fmt(takeovers.get(0)));
                out.put("takeover_median_s", takeovers.isEmpty() ? "-" : fmt(median(takeovers)));
                out.put("takeover_max_s", takeovers.isEmpty() ? "-" : fmt(takeovers.get(takeovers.size() - 1)));
                out.put("takeovers_over_15s", Long.toString(ofCoordinator.stream()
                        .filter(k -> k.takeoverS() < 0 || k.takeoverS() > TAKEOVER_LIMIT.toSeconds()).count()));
                out.putAll(outage);
                out.put("incidents_site_opened", Integer.toString(siteIncidents));
                out.put("incidents_site_resolved", Integer.toString(siteIncidentsResolved));
                out.put("sites_flipped_down", Integer.toString(sitesFlipped));
                out.put("sites_in_an_incident", Integer.toString(sitesInIncidents));
                out.put("node_lost_notices", Integer.toString(notices));
                out.put("node_lost_notices_resolved", Integer.toString(noticesResolved));
                out.put("node_lost_notices_posted", Integer.toString(noticesPosted));
                out.put("node_lost_notices_duplicated_posts", Integer.toString(noticesDuplicatedPosts));
                out.put("node_lost_notices_without_a_kill", Integer.toString(noticesWithoutKill));
                int lost = sitesWithoutIncident + neverPosted + notShownResolved + lostOutbox;
                out.put("lost", Integer.toString(lost));
                out.put("lost_sites_without_incident", Integer.toString(sitesWithoutIncident));
                out.put("lost_sites_without_incident_by_wave", lostByWave.isEmpty() ? "-" : lostByWave.toString()
                        .replaceAll("[{} ]", ""));
                out.put("lost_incidents_never_posted", Integer.toString(neverPosted));
                out.put("lost_incidents_not_shown_resolved", Integer.toString(notShownResolved));
                out.put("lost_outbox_pending_or_failed", Integer.toString(lostOutbox));
                out.put("duplicates", Integer.toString(duplicatedPosts + duplicatedReplies + sitesInSeveralIncidents));
                out.put("duplicated_posts", Integer.toString(duplicatedPosts));
                out.put("duplicated_posts_extra_messages", Integer.toString(extraPosts));
                out.put("duplicated_replies", Integer.toString(duplicatedReplies));
                out.put("sites_in_several_incidents", Integer.toString(sitesInSeveralIncidents));
                out.put("repeated_edits", Integer.toString(repeatedEdits));
                out.put("slack_posts", Integer.toString(posts));
                out.put("slack_edits", Integer.toString(edits));
                out.put("slack_replies", Integer.toString(replies));
                out.put("slack_revisions_posted", Integer.toString(posts + edits + replies));
                out.put("slack_429s", Integer.toString(http429));
                out.put("slack_refused_chat_calls", Integer.toString(refused));
                out.put("slack_messages_unparsed", Integer.toString(unparsed));
                for (String status : List.of("sent", "superseded", "pending", "failed")) {
                    out.put("outbox_" + status, Integer.toString(outbox.getOrDefault(status, 0)));
                }
                out.put("outbox_in_flight", Integer.toString(inFlight));
                List<Double> posted = postDelays.stream().sorted().toList();
                List<Double> shown = resolvedShownDelays.stream().sorted().toList();
                out.put("post_delay_median_s", posted.isEmpty() ? "-" : fmt(median(posted)));
                out.put("post_delay_max_s", posted.isEmpty() ? "-" : fmt(posted.get(posted.size() - 1)));
                out.put("resolved_shown_delay_median_s", shown.isEmpty() ? "-" : fmt(median(shown)));
                out.put("resolved_shown_delay_max_s", shown.isEmpty() ? "-" : fmt(shown.get(shown.size() - 1)));
                out.put("farm_requests", Long.toString(sites.hits.get()));
                out.forEach((k, v) -> System.out.println(k + "=" + v));
                new TreeMap<>(readyDuringOutage).forEach((k, v) -> System.out.println("# readyz during the outage: "
                        + k + " x" + v));
                kills.forEach(k -> System.out.println(String.format(Locale.ROOT, "# kill %d t=%.1f s %s %s%s", k.n(),
                        k.at(), k.node(), k.coordinator() ? "coordinator" : "standby", k.coordinator()
                                ? k.newCoordinator() == null ? " -> none" : String.format(Locale.ROOT,
                                " -> %s in %.1f s", k.newCoordinator(), k.takeoverS()) : "")));
                problems.forEach(p -> System.out.println("# problem: " + p));

                System.out.println();
                row("cluster chaos, 3 nodes, " + o.targets() + " targets", "");
                row("kills (coordinator / standby)", kills.size() + " (" + ofCoordinator.size() + " / "
                        + (kills.size() - ofCoordinator.size()) + ")");
                row("takeover s (min / median / max)", out.get("takeover_min_s") + " / " + out.get("takeover_median_s")
                        + " / " + out.get("takeover_max_s"));
                row("takeovers over 15 s", out.get("takeovers_over_15s"));
                row("PostgreSQL outage s", out.getOrDefault("outage_s", "-"));
                row("coordinator before / after outage", out.getOrDefault("outage_coordinator_before", "-") + " / "
                        + out.getOrDefault("outage_coordinator_after", "-"));
                row("agreement after the outage s", out.getOrDefault("outage_agreement_after_s", "-"));
                row("checks/s during outage (expected)", out.getOrDefault("outage_checks_per_s", "-") + " ("
                        + out.getOrDefault("outage_checks_expected_per_s", "-") + ")");
                row("site incidents opened / resolved", siteIncidents + " / " + siteIncidentsResolved);
                row("sites flipped / in an incident", sitesFlipped + " / " + sitesInIncidents);
                row("lost", out.get("lost"));
                row("duplicates", out.get("duplicates"));
                row("posts / edits / replies", posts + " / " + edits + " / " + replies);
                row("repeated edits", Integer.toString(repeatedEdits));
                row("  sites without incident, by wave", out.get("lost_sites_without_incident_by_wave"));
                row("open -> posted s (median / max)", out.get("post_delay_median_s") + " / "
                        + out.get("post_delay_max_s"));
                row("resolved -> shown s (median / max)", out.get("resolved_shown_delay_median_s") + " / "
                        + out.get("resolved_shown_delay_max_s"));
                row("lost-node notices (resolved, no kill)", notices + " (" + noticesResolved + ", "
                        + noticesWithoutKill + ")");
                row("outbox sent/superseded/pending/failed", out.get("outbox_sent") + "/" + out.get("outbox_superseded")
                        + "/" + out.get("outbox_pending") + "/" + out.get("outbox_failed"));
                row("quiet reached", quiet + " (" + out.get("quiet_after_storm_s") + " s after the storm)");
                System.out.flush();
            }
        }

        private void progress(String what) {
            ClusterChaos.progress(t0, what);
        }
    }

    /** Runs {@code work}; a failure is printed as a problem of the run, not swallowed. */
    private static void guard(String what, Work work) {
        try {
            work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            System.out.println("# " + what + " failed: " + e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(java.sql.Timestamp from, java.sql.Timestamp to) {
        return (to.getTime() - from.getTime()) / 1000.0;
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static void row(String name, String value) {
        System.out.printf(Locale.ROOT, "%-40s %s%n", name, value);
    }

    private static int revision(FakeSlack.Message m) {
        Matcher rev = REVISION.matcher(m.blocks().toString());
        int last = -1;
        while (rev.find()) {
            last = Integer.parseInt(rev.group(1));
        }
        return last;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> duplicates(List<String> texts) {
        Map<String, Integer> n = new LinkedHashMap<>();
        texts.forEach(t -> n.merge(t, 1, Integer::sum));
        return n.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getValue() + "x \"" + cut(e.getKey()) + "\"").toList();
    }

    private static String cut(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 80) + "..." : one;
    }

    private static void progress(long t0, String what) {
        System.out.println("# t=" + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9) + " s " + what);
        System.out.flush();
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
