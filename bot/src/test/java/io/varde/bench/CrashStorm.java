package io.varde.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.varde.app.BenchVardeProcess;
import io.varde.core.Durations;
import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crash storm: the real jar ({@code -Dvarde.jar}) in Slack HTTP mode against {@link FakeSlack}
 * (1 post/s per channel, every Web API call answered 300-500 ms after it took effect, as Slack's
 * latency widens the window between a send and its record), killed with SIGKILL at random
 * (seeded) moments in the middle of a storm and started again on the same data directory.
 * <p>
 * 60 local sites (one JDK HTTP server on 127.0.0.1, {@code /t/<i>}) in 3 sectors of 20, checked
 * every 2 s, DOWN after 2 failures; the shipped {@code sector-campaign} rule (3 DOWN in a sector
 * within 10 m); one route per sector to its own Slack channel ({@code C0S0} .. {@code C0S2}) with
 * {@code group-wait: 5s} and {@code thread-interval: 10s}. The run: start, wait until ready, flip
 * 45 sites to 503 (15 per sector, a few at a time over ~10 s) while the jar is killed and started
 * again {@code --kills} times, each kill 1-4 s after the instance said {@code event=started};
 * after the last start flip them back the same way while {@code --recovery-kills} more kills
 * happen; then let the last instance run until quiet (no Slack call for 20 s, every site UP, no
 * open incident), stop it with SIGTERM, and count from the fake and the database (H2, opened
 * after the jar stopped): lost, duplicated and repeated messages. Prints {@code key=value} lines
 * and a table; progress lines start with {@code #}.
 * <p>
 * Usage: {@code CrashStorm [--kills 20] [--recovery-kills 3] [--rounds 1] [--seed 1] [--deadline 15m]
 * [--logs DIR]}; run by {@code bench/crash/run.sh}. Never run by the test suite. {@code --logs}
 * keeps each instance's standard output and error there.
 */
public final class CrashStorm {

    static final int SECTORS = 3;
    static final int PER_SECTOR = 20;
    static final int FAILING_PER_SECTOR = 15;
    static final Duration FLIP_OVER = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofSeconds(20);
    static final Duration START_WAIT = Duration.ofSeconds(90);
    static final String SECRET = "crash-storm-signing-secret-00000";
    private static final Pattern INCIDENT = Pattern.compile("INC-(\\d+)");
    private static final Pattern REVISION = Pattern.compile("revision (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashStorm() {
    }

    static String channel(int s) {
        return "C0S" + s;
    }

    static String targetId(int i) {
        return String.format(Locale.ROOT, "s%d-%02d", i / PER_SECTOR, i % PER_SECTOR);
    }

    /** Options of one run. */
    record Options(int kills, int recoveryKills, long seed, Duration deadline, Path logs, int rounds) {
    }

    public static void main(String[] args) throws Exception {
        int kills = 20;
        int recoveryKills = 3;
        int rounds = 1;
        long seed = 1;
        Duration deadline = Duration.ofMinutes(15);
        Path logs = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (value == null) {
                usage();
            }
            switch (name) {
                case "--kills" -> kills = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--recovery-kills" -> recoveryKills = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--deadline" -> deadline = Durations.parse(value);
                case "--logs" -> logs = Path.of(value);
                default -> usage();
            }
            if (!a.contains("=")) {
                i++;
            }
        }
        // A short path: varde ctl's Unix socket lives in the data directory.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vcs");
        int status;
        try {
            status = new Run(dir, new Options(kills, recoveryKills, seed, deadline, logs, rounds)).run();
        } finally {
            deleteTree(dir);
        }
        // Bolt-free, but the HTTP client and the fakes leave threads behind.
        System.exit(status);
    }

    private static void usage() {
        System.err.println("usage: CrashStorm [--kills 20] [--recovery-kills 3] [--rounds 1] [--seed 1] [--deadline 15m] [--logs DIR]");
        System.exit(2);
    }

    /** The site farm: {@code /t/<i>} answers 200, or 503 while {@code i} is in {@link #down}. */
    static final class Sites implements AutoCloseable {

        final Set<Integer> down = ConcurrentHashMap.newKeySet();
        private final HttpServer server;

        Sites() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> daemon(r, "crash-sites")));
            server.createContext("/t/", exchange -> {
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

    /** Flips sites, a few at a time, on its own thread. */
    static Thread flip(Sites sites, List<Integer> order, boolean toDown, Random random, Duration over, long t0) {
        Thread t = daemon(() -> {
            List<List<Integer>> batches = new ArrayList<>();
            for (int i = 0; i < order.size(); ) {
                int n = Math.min(order.size() - i, 2 + random.nextInt(3));
                batches.add(order.subList(i, i + n));
                i += n;
            }
            long gap = over.toMillis() / Math.max(1, batches.size() - 1);
            for (int b = 0; b < batches.size(); b++) {
                if (toDown) {
                    sites.down.addAll(batches.get(b));
                } else {
                    sites.down.removeAll(batches.get(b));
                }
                if (b + 1 < batches.size()) {
                    try {
                        Thread.sleep(gap);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            progress(t0, (toDown ? "flipped to 503: " : "flipped back to 200: ") + order.size() + " sites in "
                    + batches.size() + " batches");
        }, toDown ? "crash-flip-down" : "crash-flip-up");
        t.start();
        return t;
    }

    /** One run on {@code dir}. */
    static final class Run {

        private final Path dir;
        private final Options o;
        private final Random random;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        private final List<String> killLines = new ArrayList<>();
        private int starts;
        private int killsDone;
        private int killsInFlight;
        private long t0;
        private BenchVardeProcess varde;
        private String base;

        Run(Path dir, Options o) {
            this.dir = dir;
            this.o = o;
            this.random = new Random(o.seed());
        }

        int run() throws Exception {
            try (Sites sites = new Sites(); FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT)) {
                slack.limitPostsPerChannel(Duration.ofSeconds(1));
                slack.delayAnswers(Duration.ofMillis(300), Duration.ofMillis(500));
                Path rules = rules(sites.port());
                Path data = dir.resolve("d");
                Map<String, String> env = Map.of("VARDE_DATA_DIR", data.toString(), "VARDE_RULES_DIR", rules.toString(),
                        "VARDE_HTTP_PORT", "0", "SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", SECRET,
                        "VARDE_SLACK_API_URL", slack.apiUrl());
                BenchVardeProcess.Finished validate = BenchVardeProcess.run(env, START_WAIT, "validate");
                if (validate.status() != 0) {
                    System.out.println("# varde validate failed:\n" + validate.out() + "\n" + validate.err());
                    return 1;
                }
                System.out.println("# varde validate: ok");
                t0 = System.nanoTime();
                start(env);
                awaitReady();
                progress(t0, "ready: 60 sites UP, Slack ready");

                long stormStart = System.nanoTime();
                boolean quiet = true;
                for (int round = 0; round < o.rounds() && quiet; round++) {
                    long seed = o.seed() + 10L * round;
                    List<Integer> failing = failingOrder(seed);
                    Thread down = flip(sites, failing, true, new Random(seed + 1), FLIP_OVER, t0);
                    for (int k = 0; k < o.kills(); k++) {
                        killAndRestart(slack, env, "storm");
                    }
                    down.join();
                    List<Integer> back = new ArrayList<>(failing);
                    Collections.shuffle(back, new Random(seed + 2));
                    Thread up = flip(sites, back, false, new Random(seed + 3), FLIP_OVER, t0);
                    for (int k = 0; k < o.recoveryKills(); k++) {
                        killAndRestart(slack, env, "recovery");
                    }
                    up.join();
                    quiet = awaitQuiet(slack);
                    progress(t0, "round " + (round + 1) + " of " + o.rounds() + (quiet ? " quiet" : " not quiet"));
                }
                long lastCallAt = System.nanoTime();
                progress(t0, quiet ? "quiet: no Slack call for " + QUIET.toSeconds() + " s, every site UP, no open incident"
                        : "deadline hit before quiet");
                int exit = varde.terminate(Duration.ofSeconds(40));
                boolean stopped = varde.stderr().stream().anyMatch(l -> l.contains("event=stopped"));
                keepLogs();
                progress(t0, "last instance stopped with SIGTERM: exit status " + exit
                        + (stopped ? ", event=stopped" : ", no event=stopped!"));
                Report r = count(slack, data);
                if (o.logs() != null) {
                    dump(slack, data, o.logs());
                }
                r.exitStatus = exit;
                r.print(o, starts, killsDone, killsInFlight, quiet, stopped, secs(lastCallAt - stormStart), killLines);
                return 0;
            } finally {
                if (varde != null) {
                    try {
                        varde.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** 15 sites per sector (the first 15 of each), interleaved across sectors in a seeded order. */
        private List<Integer> failingOrder(long seed) {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < FAILING_PER_SECTOR; j++) {
                for (int s = 0; s < SECTORS; s++) {
                    out.add(s * PER_SECTOR + j);
                }
            }
            Collections.shuffle(out, new Random(seed));
            return out;
        }

        private void start(Map<String, String> env) throws Exception {
            varde = BenchVardeProcess.start(env, "run");
            starts++;
            base = varde.webBase(START_WAIT);
            String started = varde.awaitErr(l -> l.contains("event=started"), START_WAIT, "event=started");
            Matcher open = Pattern.compile("open_incidents=(\\d+)").matcher(started);
            progress(t0, "start " + starts + ": started, open_incidents=" + (open.find() ? open.group(1) : "?"));
        }

        private void killAndRestart(FakeSlack slack, Map<String, String> env, String phase) throws Exception {
            long wait = 1000 + random.nextInt(3001);
            Thread.sleep(wait);
            int inFlight = slack.answering();
            int calls = slack.calls().size();
            varde.kill();
            killsDone++;
            if (inFlight > 0) {
                killsInFlight++;
            }
            String line = String.format(Locale.ROOT, "kill %d (%s): %.1f s after start %d, t=%s s, slack calls so far=%d, "
                    + "in flight=%d", killsDone, phase, wait / 1e3, starts, secs(System.nanoTime() - t0), calls, inFlight);
            killLines.add(line);
            progress(t0, line);
            keepLogs();
            start(env);
        }

        /** /readyz 200 and every target UP. */
        private void awaitReady() throws Exception {
            long until = System.nanoTime() + START_WAIT.toNanos();
            while (System.nanoTime() < until) {
                HttpResponse<String> ready = get("/readyz");
                if (ready != null && ready.statusCode() == 200 && states().values().stream().allMatch("UP"::equals)
                        && states().size() == SECTORS * PER_SECTOR) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("not ready within " + START_WAIT + ": " + get("/readyz").body());
        }

        /** Until no Slack call for {@link #QUIET}, every site UP and no open incident, or the deadline. */
        private boolean awaitQuiet(FakeSlack slack) throws Exception {
            long end = System.nanoTime() + o.deadline().toNanos();
            int seen = -1;
            long lastCall = System.nanoTime();
            while (System.nanoTime() < end) {
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
            Map<String, String> states = states();
            HttpResponse<String> open = get("/api/incidents");
            return states.size() == SECTORS * PER_SECTOR && states.values().stream().allMatch("UP"::equals)
                    && open != null && open.statusCode() == 200 && JSON.readTree(open.body()).path("incidents").isEmpty();
        }

        private Map<String, String> states() throws Exception {
            HttpResponse<String> r = get("/api/targets");
            Map<String, String> out = new HashMap<>();
            if (r == null || r.statusCode() != 200) {
                return out;
            }
            for (JsonNode t : JSON.readTree(r.body()).path("targets")) {
                out.put(t.path("id").asText(), t.path("state").asText());
            }
            return out;
        }

        private HttpResponse<String> get(String path) throws InterruptedException {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            }
        }

        private void keepLogs() throws IOException {
            if (o.logs() == null) {
                return;
            }
            Files.createDirectories(o.logs());
            Files.write(o.logs().resolve("instance-" + starts + ".err"), varde.stderr());
            Files.write(o.logs().resolve("instance-" + starts + ".out"), varde.stdout());
        }

        private Path rules(int port) throws IOException {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            StringBuilder targets = new StringBuilder(String.join("\n",
                    "defaults: { interval: 2s, timeout: 1s, failure-threshold: 2, success-threshold: 2 }",
                    "scheduler: { max-per-host: 20 }   # every site is 127.0.0.1",
                    "targets:", ""));
            for (int i = 0; i < SECTORS * PER_SECTOR; i++) {
                int s = i / PER_SECTOR;
                targets.append("  - id: ").append(targetId(i)).append('\n')
                        .append("    url: http://127.0.0.1:").append(port).append("/t/").append(i).append('\n')
                        .append("    labels: { sector: s").append(s).append(", org: ").append(targetId(i)).append("-org }\n");
            }
            Files.writeString(rules.resolve("targets.yaml"), targets.toString());
            Files.writeString(rules.resolve("correlation.yaml"), String.join("\n",
                    "rules:",
                    "  - name: sector-campaign",
                    "    kind: campaign",
                    "    group-by: [sector]",
                    "    min-targets: 3",
                    "    within: 10m",
                    "    targets: 'sector=~\".+\"'",
                    "    severity: critical",
                    ""));
            StringBuilder team = new StringBuilder("routes:\n");
            for (int s = 0; s < SECTORS; s++) {
                team.append("  - name: sector-s").append(s).append('\n')
                        .append("    match: 'sector=\"s").append(s).append("\"'\n")
                        .append("    channels: [slack:").append(channel(s)).append("]\n")
                        .append("    group-wait: 5s\n")
                        .append("    thread-interval: 10s\n");
            }
            team.append("default:\n  channels: [console]\n");
            Files.writeString(rules.resolve("team.yaml"), team.toString());
            return rules;
        }
    }

    /** What the fake shows and the database holds at the end. */
    static Report count(FakeSlack slack, Path data) throws SQLException {
        Report r = new Report();
        // Calls: top-level posts (mapped to the fake's messages by their order per channel), replies, edits.
        Map<String, Integer> postsSeen = new HashMap<>();
        Map<String, String> content = new HashMap<>();
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
            String channel = c.params().getOrDefault("channel", "");
            String body = c.params().getOrDefault("text", "") + "\n" + c.params().getOrDefault("blocks", "");
            if (c.method().equals("chat.postMessage")) {
                String thread = c.params().get("thread_ts");
                if (thread != null && !thread.isEmpty()) {
                    r.replies++;
                    continue;
                }
                int k = postsSeen.merge(channel, 1, Integer::sum) - 1;
                List<FakeSlack.Message> messages = slack.messages(channel);
                if (k < messages.size()) {
                    content.put(channel + "/" + messages.get(k).ts(), body);
                }
                r.posts++;
            } else if (c.method().equals("chat.update")) {
                r.edits++;
                String key = channel + "/" + c.params().getOrDefault("ts", "");
                if (body.equals(content.put(key, body))) {
                    r.repeatedEdits++;
                }
            }
        }
        try (Database db = Database.open(DbSettings.embedded(data)); Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    r.outbox.put(rs.getString(1), rs.getInt(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*), "
                    + "SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) FROM incidents GROUP BY kind");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    r.incidents.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getInt(2));
                    r.openIncidents += rs.getInt(3);
                }
            }
            Set<String> sites = new HashSet<>();
            Map<Long, String> kinds = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT targets_json, number, kind FROM incidents");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getLong(2), rs.getString(3).toLowerCase(Locale.ROOT));
                    for (JsonNode t : readTree(rs.getString(1))) {
                        sites.add(t.path("target").asText());
                    }
                }
            }
            r.sitesInIncidents = sites.size();
            Map<String, Integer> finalRevision = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT incident, channel, MAX(revision) FROM outbox "
                    + "GROUP BY incident, channel");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    finalRevision.put(rs.getLong(1) + "|" + rs.getString(2), rs.getInt(3));
                }
            }
            Map<String, String> living = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT incident, channel, message_ref FROM message_refs");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    living.put(rs.getLong(1) + "|" + rs.getString(2), rs.getString(3));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT o.incident, o.channel, o.revision, o.status, "
                    + "o.attempts, o.last_error FROM outbox o WHERE o.status IN ('pending', 'failed') ORDER BY o.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    r.problems.add(String.format(Locale.ROOT, "INC-%d %s r%d %s attempts=%d error=%s", rs.getLong(1),
                            rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getString(6)));
                }
            }
            for (int s = 0; s < SECTORS; s++) {
                String ch = channel(s);
                Map<Long, List<FakeSlack.Message>> byIncident = new TreeMap<>();
                for (FakeSlack.Message m : slack.messages(ch)) {
                    Matcher inc = INCIDENT.matcher(m.text());
                    if (!inc.find()) {
                        r.unparsed++;
                        continue;
                    }
                    byIncident.computeIfAbsent(Long.parseLong(inc.group(1)), x -> new ArrayList<>()).add(m);
                    r.perChannelPosts.merge(ch, 1, Integer::sum);
                    List<String> texts = slack.replies(ch, m.ts()).stream().map(FakeSlack.Message::text).toList();
                    r.perChannelReplies.merge(ch, texts.size(), Integer::sum);
                    int dup = texts.size() - new HashSet<>(texts).size();
                    if (dup > 0) {
                        r.duplicatedReplies += dup;
                        r.problems.add("duplicated replies under INC-" + inc.group(1) + " " + ch + "/" + m.ts() + ": "
                                + duplicates(texts));
                    }
                }
                for (Map.Entry<Long, List<FakeSlack.Message>> e : byIncident.entrySet()) {
                    String key = e.getKey() + "|slack:" + ch;
                    List<FakeSlack.Message> ms = e.getValue();
                    r.announced++;
                    r.announcedByKind.merge(kinds.getOrDefault(e.getKey(), "unknown"), 1, Integer::sum);
                    if (ms.size() > 1) {
                        r.duplicatedPosts++;
                        r.extraPosts += ms.size() - 1;
                        r.problems.add("INC-" + e.getKey() + " has " + ms.size() + " top-level messages in " + ch + ": "
                                + ms.stream().map(m -> m.ts() + " r" + revision(m)).toList() + ", living "
                                + living.get(key));
                    }
                    Integer expected = finalRevision.get(key);
                    String ref = living.get(key);
                    boolean livingStale = ms.stream().noneMatch(m -> m.ts().equals(ref))
                            || ms.stream().filter(m -> m.ts().equals(ref)).anyMatch(m -> !Integer.valueOf(revision(m))
                            .equals(expected));
                    boolean otherStale = ms.stream().filter(m -> !m.ts().equals(ref))
                            .anyMatch(m -> !Integer.valueOf(revision(m)).equals(expected));
                    if (livingStale || otherStale) {
                        r.staleCards++;
                        if (livingStale) {
                            r.staleLiving++;
                        }
                        r.problems.add("INC-" + e.getKey() + " in " + ch + " shows " + ms.stream().map(m -> "r"
                                + revision(m) + (m.blocks().toString().contains("\"actions\"") ? " with buttons" : ""))
                                .toList() + ", final revision r" + expected + (livingStale ? " (living message stale)"
                                : " (a duplicate stale)"));
                    }
                }
            }
        }
        return r;
    }

    /** For a look after the run: the channels as the fake shows them, the incidents, the outbox and its log. */
    static void dump(FakeSlack slack, Path data, Path logs) throws IOException, SQLException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < SECTORS; s++) {
            String ch = channel(s);
            lines.add("== " + ch);
            for (FakeSlack.Message m : slack.messages(ch)) {
                lines.add(m.ts() + " r" + revision(m) + " edits=" + m.edits()
                        + (m.blocks().toString().contains("\"actions\"") ? " [buttons] " : " ") + m.text());
                for (FakeSlack.Message reply : slack.replies(ch, m.ts())) {
                    lines.add("    " + reply.ts() + " " + reply.text().replace('\n', ' '));
                }
            }
        }
        lines.add("== calls");
        for (FakeSlack.Call c : slack.calls()) {
            lines.add(c.method() + " " + c.httpStatus() + (c.error() == null ? "" : " " + c.error()) + " channel="
                    + c.params().getOrDefault("channel", "") + " ts=" + c.params().getOrDefault("ts", "")
                    + " thread_ts=" + c.params().getOrDefault("thread_ts", "") + " "
                    + cut(c.params().getOrDefault("text", "")) + " " + revisionOf(c.params().getOrDefault("blocks", "")));
        }
        Files.write(logs.resolve("slack.txt"), lines);
        lines.clear();
        try (Database db = Database.open(DbSettings.embedded(data)); Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT number, kind, state, revision, title, opened_at, "
                    + "resolved_at FROM incidents ORDER BY number");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add("INC-" + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " r" + rs.getInt(4)
                            + " opened=" + rs.getString(6) + " resolved=" + rs.getString(7) + " " + rs.getString(5));
                }
            }
            lines.add("== outbox (id incident channel revision status card_shown held_until reply_at: log)");
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.incident, o.channel, o.revision, o.status, "
                    + "o.card_shown, o.held_until, o.reply_at, o.change_text, (SELECT LISTAGG(l.outcome || ' ' || "
                    + "l.occurred_at || ' ' || l.detail, ' | ') WITHIN GROUP (ORDER BY l.id) FROM delivery_log l "
                    + "WHERE l.outbox_id = o.id) FROM outbox o ORDER BY o.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getLong(1) + " INC-" + rs.getLong(2) + " " + rs.getString(3) + " r" + rs.getInt(4) + " "
                            + rs.getString(5) + " shown=" + rs.getBoolean(6) + " held=" + rs.getString(7) + " reply="
                            + rs.getString(8) + " \"" + cut(rs.getString(9)) + "\": " + rs.getString(10));
                }
            }
        }
        Files.write(logs.resolve("db.txt"), lines);
    }

    private static String revisionOf(String blocks) {
        Matcher rev = REVISION.matcher(blocks);
        return rev.find() ? "r" + rev.group(1) : "";
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int revision(FakeSlack.Message m) {
        Matcher rev = REVISION.matcher(m.blocks().toString());
        int last = -1;
        while (rev.find()) {
            last = Integer.parseInt(rev.group(1));
        }
        return last;
    }

    private static List<String> duplicates(List<String> texts) {
        Map<String, Integer> n = new LinkedHashMap<>();
        texts.forEach(t -> n.merge(t, 1, Integer::sum));
        return n.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getValue() + "x \"" + cut(e.getKey()) + "\"")
                .toList();
    }

    private static String cut(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 80) + "..." : one;
    }

    /** The figures. */
    static final class Report {
        int posts;
        int replies;
        int edits;
        int repeatedEdits;
        int http429;
        int refused;
        int unparsed;
        int announced;
        int duplicatedPosts;
        int extraPosts;
        int duplicatedReplies;
        int staleCards;
        int staleLiving;
        int openIncidents;
        int sitesInIncidents;
        int exitStatus;
        final Map<String, Integer> outbox = new TreeMap<>();
        final Map<String, Integer> incidents = new TreeMap<>();
        final Map<String, Integer> announcedByKind = new TreeMap<>();
        final Map<String, Integer> perChannelPosts = new TreeMap<>();
        final Map<String, Integer> perChannelReplies = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        void print(Options o, int starts, int kills, int killsInFlight, boolean quiet, boolean stopped, String runS,
                   List<String> killLines) {
            int lostOutbox = outbox.getOrDefault("pending", 0) + outbox.getOrDefault("failed", 0);
            Map<String, String> out = new LinkedHashMap<>();
            out.put("seed", Long.toString(o.seed()));
            out.put("rounds", Integer.toString(o.rounds()));
            out.put("kills", Integer.toString(kills));
            out.put("kills_storm", Integer.toString(o.kills()));
            out.put("kills_recovery", Integer.toString(o.recoveryKills()));
            out.put("kills_with_slack_call_in_flight", Integer.toString(killsInFlight));
            out.put("starts", Integer.toString(starts));
            out.put("quiet_reached", Boolean.toString(quiet));
            out.put("stopped_cleanly", Boolean.toString(stopped));
            out.put("last_exit_status", Integer.toString(exitStatus));
            out.put("run_s", runS);
            out.put("lost", Integer.toString(lostOutbox + staleCards));
            out.put("lost_outbox_pending_or_failed", Integer.toString(lostOutbox));
            out.put("lost_stale_cards", Integer.toString(staleCards));
            out.put("lost_stale_living_messages", Integer.toString(staleLiving));
            out.put("duplicated_posts", Integer.toString(duplicatedPosts));
            out.put("duplicated_posts_extra_messages", Integer.toString(extraPosts));
            out.put("duplicated_replies", Integer.toString(duplicatedReplies));
            out.put("repeated_edits", Integer.toString(repeatedEdits));
            int messages = posts + replies;
            int duplicates = extraPosts + duplicatedReplies;
            out.put("messages_posted", Integer.toString(messages));
            out.put("duplicate_messages", Integer.toString(duplicates));
            out.put("duplicates_per_1000_messages", String.format(Locale.ROOT, "%.1f",
                    messages == 0 ? 0.0 : duplicates * 1000.0 / messages));
            out.put("repeated_edits_per_1000_edits", String.format(Locale.ROOT, "%.1f",
                    edits == 0 ? 0.0 : repeatedEdits * 1000.0 / edits));
            out.put("slack_top_level_messages", Integer.toString(posts));
            out.put("slack_edits", Integer.toString(edits));
            out.put("slack_replies", Integer.toString(replies));
            out.put("slack_429s", Integer.toString(http429));
            out.put("slack_refused_chat_calls", Integer.toString(refused));
            out.put("slack_messages_unparsed", Integer.toString(unparsed));
            out.put("incidents_announced_in_slack", Integer.toString(announced));
            for (String kind : List.of("campaign", "outage")) {
                out.put("incidents_announced_in_slack_" + kind, Integer.toString(announcedByKind.getOrDefault(kind, 0)));
            }
            out.put("incidents", Integer.toString(incidents.values().stream().mapToInt(Integer::intValue).sum()));
            incidents.forEach((k, v) -> out.put("incidents_" + k, Integer.toString(v)));
            out.put("incidents_open_at_end", Integer.toString(openIncidents));
            out.put("sites_flipped_down", Integer.toString(SECTORS * FAILING_PER_SECTOR));
            out.put("sites_in_incidents", Integer.toString(sitesInIncidents));
            int rows = 0;
            for (String status : List.of("sent", "superseded", "pending", "failed")) {
                out.put("outbox_" + status, Integer.toString(outbox.getOrDefault(status, 0)));
            }
            for (int v : outbox.values()) {
                rows += v;
            }
            out.put("outbox_rows", Integer.toString(rows));
            out.forEach((k, v) -> System.out.println(k + "=" + v));
            problems.forEach(p -> System.out.println("# problem: " + p));

            System.out.println();
            System.out.printf(Locale.ROOT, "%-36s %8s%n", "crash storm, " + kills + " kills (" + killsInFlight
                    + " mid-call)", "");
            row("lost (outbox + stale cards)", out.get("lost"));
            row("  outbox pending or failed", out.get("lost_outbox_pending_or_failed"));
            row("  cards not at final revision", out.get("lost_stale_cards"));
            row("duplicated posts (incidents)", out.get("duplicated_posts"));
            row("duplicated replies", out.get("duplicated_replies"));
            row("repeated edits", out.get("repeated_edits"));
            row("messages posted (posts + replies)", out.get("messages_posted"));
            row("duplicates per 1,000 messages", out.get("duplicates_per_1000_messages"));
            row("repeated edits per 1,000 edits", out.get("repeated_edits_per_1000_edits"));
            row("top-level messages", out.get("slack_top_level_messages"));
            row("edits", out.get("slack_edits"));
            row("thread replies", out.get("slack_replies"));
            row("429s", out.get("slack_429s"));
            row("incidents (announced in Slack)", out.get("incidents") + " (" + announced + ")");
            row("campaigns", incidents.getOrDefault("campaign", 0) + "");
            row("site incidents posted on their own", announcedByKind.getOrDefault("outage", 0) + "");
            row("sites DOWN in an incident / flipped", sitesInIncidents + "/" + SECTORS * FAILING_PER_SECTOR);
            row("outbox sent/superseded/pending/failed", out.get("outbox_sent") + "/" + out.get("outbox_superseded")
                    + "/" + out.get("outbox_pending") + "/" + out.get("outbox_failed"));
            System.out.println("posts by channel " + perChannelPosts + ", replies by channel " + perChannelReplies);
            System.out.flush();
        }

        private static void row(String name, String value) {
            System.out.printf(Locale.ROOT, "%-36s %8s%n", name, value);
        }
    }

    private static void progress(long t0, String what) {
        System.out.println("# " + (t0 == 0 ? "" : "t=" + secs(System.nanoTime() - t0) + " s ") + what);
        System.out.flush();
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
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
