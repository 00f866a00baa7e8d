package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.varde.app.VardeCluster.Election;
import io.varde.app.VardeCluster.Member;
import io.varde.app.VardeCluster.Node;
import io.varde.app.VardeCluster.View;
import io.varde.testing.FakeDiscord;
import io.varde.testing.FakeSlack;
import io.varde.testing.FakeTokens;
import io.varde.testing.StoppablePostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode (issue 15) on real processes: three Varde nodes, each the jar in its own JVM with
 * its own name, data directory and port, on one embedded PostgreSQL, with the fake Slack or the
 * fake Discord. Exactly one node is the coordinator and every node says which; SIGKILLing it
 * hands the role to another within 15 s, and across the failover no alert is lost or posted twice;
 * a killed standby changes nothing for alerts and shows as lost; every node serves the shared
 * incidents (API and {@code varde ctl}); at most one node holds the Discord gateway session at any
 * moment, a SIGKILLed holder's replacement logs in within 20 s and a clean stop hands over at once;
 * PostgreSQL stopped for 20 s ({@link StoppablePostgres}, a server of that test's own) under two
 * nodes loses and doubles no alert of the sites that went down meanwhile. Failures carry each
 * node's cluster events and standard error ({@link VardeCluster}).
 */
class ClusterIT {

    private static final String SECRET = "it-signing-secret-0000000000";
    private static final String CHANNEL = "C0OPS";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A SIGKILLed coordinator is replaced within this (lease 8 s, renewed every 2 s, taken after two sightings). */
    private static final Duration FAILOVER = Duration.ofSeconds(15);
    /** A node without heartbeat for 10 s is lost; seen so within this. */
    private static final Duration LOST = Duration.ofSeconds(15);
    /** A SIGKILLed coordinator's Discord session is replaced by another node's within this. */
    private static final Duration NEW_SESSION = Duration.ofSeconds(20);
    /** A coordinator stopped with SIGTERM hands over "at once": well before its lease would expire. */
    private static final Duration HANDOVER = Duration.ofSeconds(5);
    /**
     * A SIGKILLed node's shards run on the others within this: Quartz sees it failed after its
     * check-in interval (2 s) plus 7.5 s, a survivor's balance round (2 s) lets it compete, and the
     * trigger fires within a second; the margin covers a check-in round of the survivors.
     */
    private static final Duration SHARDS_MOVE = Duration.ofSeconds(15);
    /** How long the outage test keeps PostgreSQL stopped. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCIDENT = Pattern.compile("\\b(INC-\\d+)\\b");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @RegisterExtension
    final VardeCluster cluster = new VardeCluster();

    private Sites sites;
    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Each test on a database of its own: incident numbers and the cluster's members start afresh. */
    @BeforeEach
    void createDatabase() throws SQLException {
        database = "cluster_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void stopSites() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void threeNodesElectOneCoordinatorAndAFailoverLosesAndDoublesNoAlert() throws Exception {
        sites = Sites.start(8);
        Path rules = sites.rules(dir);
        try (FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT)) {
            Map<String, String> env = slackEnv(slack);
            cluster.start(dir, env, List.of("n1", "n2", "n3"), "run", "--rules", rules.toString());

            View first = cluster.awaitAgreement("coordinator named alike by all three live nodes", VardeCluster.START,
                    v -> v.nodes().size() == 3 && v.nodes().stream().allMatch(m -> "live".equals(m.state())));
            String c1 = first.coordinator();
            assertWellFormed(first);
            assertThat(first.nodes()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2", "n3");
            assertThat(first.nodes()).filteredOn(Member::coordinator).extracting(Member::name).containsExactly(c1);
            assertThat(cluster.elections()).as("exactly one election, logged by the coordinator")
                    .containsExactly(new Election(c1, c1, first.epoch()));
            Node asked = cluster.running().stream().filter(n -> !n.name().equals(c1)).findFirst().orElseThrow();
            VardeProcess.Finished text = asked.ctl("cluster");
            assertThat(text.status()).as(text.err()).isZero();
            assertThat(text.out()).contains("n1", "n2", "n3");
            assertThat(text.out().lines()).as("a line naming the coordinator, in:\n" + text.out())
                    .anyMatch(l -> l.contains(c1) && l.toLowerCase(Locale.ROOT).contains("coordinator"));

            assertOneChecker(sites, "with 3 nodes");

            sites.down("site-1", "site-2", "site-3", "site-4");
            for (String site : List.of("site-1", "site-2", "site-3", "site-4")) {
                awaitAlert(slack, site);
            }

            // SIGKILL the coordinator while two sites are half-way to DOWN (one failed check each) and
            // a third goes down just after: whoever takes over must alert all three, once.
            sites.down("site-5", "site-6");
            Thread.sleep(1_200);
            long killedAt = System.nanoTime();
            cluster.node(c1).kill();
            sites.down("site-7");
            View second = cluster.awaitAny("coordinator other than the SIGKILLed " + c1, FAILOVER.multipliedBy(2),
                    v -> v.coordinator() != null && !v.coordinator().equals(c1));
            Duration failover = since(killedAt);
            String c2 = second.coordinator();
            System.out.printf(Locale.ROOT, "cluster failover: %s took over from the SIGKILLed %s in %.1f s%n",
                    c2, c1, failover.toMillis() / 1000.0);
            assertThat(failover).as("failover time").isLessThanOrEqualTo(FAILOVER);
            assertThat(second.epoch()).as("the new coordinator's epoch").isGreaterThan(first.epoch());
            cluster.awaitAgreement("both survivors naming " + c2, Duration.ofSeconds(5),
                    v -> v.coordinator().equals(c2));
            for (String site : List.of("site-5", "site-6", "site-7")) {
                awaitAlert(slack, site);
            }

            // Every node reads the shared database: the standby's ctl and API show the coordinator's incidents.
            Node coordinator = cluster.node(c2);
            Node standby = cluster.running().stream().filter(n -> n != coordinator).findFirst().orElseThrow();
            Set<String> open = incidentIds(coordinator.json("/api/incidents"));
            assertThat(open).as("open incidents on " + c2).hasSize(7);
            assertThat(incidentIds(standby.json("/api/incidents"))).as("/api/incidents on " + standby).isEqualTo(open);
            VardeProcess.Finished list = standby.ctl("incidents");
            assertThat(list.status()).as(list.err()).isZero();
            Set<String> listed = ids(list.out());
            listed.removeAll(noticeIds(standby.json("/api/incidents?state=all")));
            assertThat(listed).as("varde ctl incidents on " + standby + ":\n" + list.out()).isEqualTo(open);
            // A human action on a node that does not coordinate takes effect once, and the coordinator delivers it.
            String acked = open.iterator().next();
            VardeProcess.Finished ack = standby.ctl("ack", acked);
            assertThat(ack.status()).as(ack.out() + ack.err()).isZero();
            JsonNode after = coordinator.json("/api/incidents/" + acked);
            assertThat(after.path("state").asText()).as(after.toString()).isEqualTo("ACKNOWLEDGED");
            List<String> actions = new ArrayList<>();
            after.path("timeline").forEach(e -> actions.add(e.path("action").asText()));
            assertThat(actions).as(acked + "'s timeline").containsOnlyOnce("ACKNOWLEDGED");
            poll(acked + "'s Slack message edited to say who acknowledged it", WAIT, () -> slack.messages(CHANNEL).stream()
                    .filter(m -> ids(m.text()).contains(acked) && m.blocks().toString().contains("Acknowledged by"))
                    .findFirst(), () -> describe(slack.messages(CHANNEL)));
            poll("sites 1 to 7 DOWN in /api/targets of " + standby, WAIT, () -> {
                Map<String, String> states = targetStates(standby.json("/api/targets"));
                boolean down = IntStream.rangeClosed(1, 7).allMatch(i -> "DOWN".equals(states.get("site-" + i)));
                return down ? Optional.of(states) : Optional.empty();
            }, () -> targetStates(standby.json("/api/targets")).toString());

            // SIGKILL the standby while another site goes down: alerts go on as before, the view says lost.
            sites.down("site-8");
            long standbyKilledAt = System.nanoTime();
            standby.kill();
            View lost = cluster.awaitAny(standby + " marked lost", LOST.multipliedBy(2), v -> state(v, standby.name())
                    .equals("lost"));
            Duration lostAfter = since(standbyKilledAt);
            System.out.printf(Locale.ROOT, "cluster: the SIGKILLed standby %s shown lost after %.1f s%n",
                    standby, lostAfter.toMillis() / 1000.0);
            assertThat(lostAfter).as("time until the SIGKILLed standby is shown lost").isLessThanOrEqualTo(LOST);
            assertThat(lost.coordinator()).as("coordinator after a standby died").isEqualTo(c2);
            assertThat(lost.epoch()).as("epoch after a standby died").isEqualTo(second.epoch());
            assertThat(state(lost, c1)).as("the SIGKILLed first coordinator").isEqualTo("lost");
            awaitAlert(slack, "site-8");

            sites.allUp();
            poll("no open incident on " + c2, WAIT, () -> incidentIds(coordinator.json("/api/incidents")).isEmpty()
                    ? Optional.of(true) : Optional.empty(), () -> coordinator.json("/api/incidents").toString());
            poll("8 Slack posts of sites, each shown resolved", WAIT, () -> {
                List<FakeSlack.Message> posts = slack.messages(CHANNEL).stream().filter(m -> !isNotice(m)).toList();
                return posts.size() >= 8 && posts.stream().allMatch(m -> m.text().startsWith("RESOLVED: "))
                        ? Optional.of(posts) : Optional.empty();
            }, () -> describe(slack.messages(CHANNEL)));
            poll("an outbox with nothing pending or in flight", WAIT,
                    () -> outbox().keySet().stream().noneMatch(s -> s.equals("pending") || s.equals("in flight"))
                            ? Optional.of(true) : Optional.empty(), () -> outbox().toString());
            assertOneChecker(sites, "after the failover"); // and a few more sweeps: nothing may come twice

            Map<String, String> targetOf = new TreeMap<>();
            Map<String, String> noticeOf = new TreeMap<>();
            for (JsonNode i : coordinator.json("/api/incidents?state=all").path("incidents")) {
                if (i.path("kind").asText().equals("NODE_LOST")) {
                    // Losing a node is an info notice, open while the node stays lost.
                    assertThat(i.path("state").asText()).as(i.toString()).isEqualTo("OPEN");
                    assertThat(i.path("severity").asText()).as(i.toString()).isEqualTo("INFO");
                    noticeOf.put(i.path("id").asText(), i.path("title").asText());
                    continue;
                }
                assertThat(i.path("state").asText()).as(i.toString()).isEqualTo("RESOLVED");
                assertThat(i.path("targets")).as(i.toString()).hasSize(1);
                targetOf.put(i.path("id").asText(), i.path("targets").get(0).path("id").asText());
            }
            assertThat(targetOf.values()).as("the sites of the incidents: one per site that went down, none twice: "
                    + targetOf).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 8)
                    .mapToObj(i -> "site-" + i).toList());

            assertThat(noticeOf.values()).as("a notice per SIGKILLed node, none for the living")
                    .containsExactlyInAnyOrder("Cluster node " + c1 + " lost", "Cluster node " + standby.name() + " lost");

            List<FakeSlack.Message> posts = slack.messages(CHANNEL);
            Map<String, List<FakeSlack.Message>> postsOf = new TreeMap<>();
            for (FakeSlack.Message m : posts) {
                postsOf.computeIfAbsent(ids(m.text()).stream().findFirst().orElse("no incident id"),
                        k -> new ArrayList<>()).add(m);
            }
            Set<String> announced = new TreeSet<>(targetOf.keySet());
            announced.addAll(noticeOf.keySet());
            assertThat(postsOf.keySet()).as("incidents posted to Slack: " + describe(posts))
                    .containsExactlyElementsOf(announced);
            postsOf.forEach((id, own) -> {
                assertThat(own).as(id + " posted once: " + describe(own)).hasSize(1);
                if (noticeOf.containsKey(id)) {
                    assertThat(own.get(0).text()).as(id + "'s post").contains(noticeOf.get(id));
                    return;
                }
                FakeSlack.Message post = own.get(0);
                assertThat(post.text()).as(id + "'s post").startsWith("RESOLVED: " + id).contains(targetOf.get(id));
                assertThat(post.metadata()).as(id + "'s post metadata").isNotNull();
                assertThat(post.metadata().path("event_type").asText()).isEqualTo("varde_alert");
                assertThat(slack.replies(CHANNEL, post.ts())).as(id + "'s thread")
                        .anyMatch(r -> r.text().toLowerCase(Locale.ROOT).contains("resolved"));
            });
            assertThat(slack.calls()).as("top-level posts that Slack accepted")
                    .filteredOn(c -> c.method().equals("chat.postMessage") && c.error() == null
                            && c.params().getOrDefault("thread_ts", "").isEmpty())
                    .hasSize(announced.size());
            assertThat(outbox()).as("outbox messages by status").doesNotContainKeys("pending", "failed", "in flight");
            // elections() lists them node by node in start order, not in time: c2 may have started before c1.
            assertThat(cluster.elections()).as("one election per coordinator").containsExactlyInAnyOrder(
                    new Election(c1, c1, first.epoch()), new Election(c2, c2, second.epoch()));
            assertThat(cluster.depositions()).as("nobody lost the role while alive").isEmpty();
        }
    }

    /**
     * PostgreSQL stopped for {@link #OUTAGE} under two nodes while two of four sites go down: the
     * coordinator says it is not ready (the database check) and keeps checking; once the database
     * is back, both nodes name one coordinator again within {@link #FAILOVER}, each site that went
     * down has one incident, posted once, and every incident resolves and is shown resolved.
     */
    @Test
    void aDatabaseOutageLosesAndDoublesNothing() throws Exception {
        sites = Sites.start(4);
        Path rules = sites.rules(dir);
        List<String> all = List.of("site-1", "site-2", "site-3", "site-4");
        List<String> failing = List.of("site-1", "site-2");
        try (StoppablePostgres pg = StoppablePostgres.open(dir.resolve("pg"));
             FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT)) {
            pg.createDatabase("outage");
            Map<String, String> env = new HashMap<>(Map.of("VARDE_DB_URL", pg.jdbcUrl("outage"),
                    "VARDE_DB_USER", StoppablePostgres.USER, "VARDE_DB_PASSWORD", StoppablePostgres.USER));
            env.putAll(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", SECRET,
                    "VARDE_SLACK_API_URL", slack.apiUrl(), "SLACK_DEFAULT_CHANNEL", CHANNEL));
            cluster.start(dir, env, List.of("n1", "n2"), "run", "--rules", rules.toString());
            View first = cluster.awaitAgreement("coordinator named alike by both live nodes", VardeCluster.START,
                    v -> v.nodes().size() == 2 && v.nodes().stream().allMatch(m -> "live".equals(m.state())));
            String c1 = first.coordinator();
            Node coordinator = cluster.node(c1);
            poll("every site UP on " + c1, WAIT, () -> targetStates(coordinator.json("/api/targets")).values()
                    .stream().filter("UP"::equals).count() == all.size() ? Optional.of(true) : Optional.empty(),
                    () -> coordinator.json("/api/targets").toString());

            long stoppedAt = System.nanoTime();
            pg.stop();
            sites.down(failing.toArray(String[]::new));
            Thread.sleep(2_000);
            Map<String, Long> hitsBefore = hits(sites, all);
            long countedFrom = System.nanoTime();
            List<String> answers = new ArrayList<>();
            while (since(stoppedAt).compareTo(OUTAGE) < 0) {
                answers.add(readiness(coordinator));
                Thread.sleep(500);
            }
            Map<String, Long> hitsAfter = hits(sites, all);
            double seconds = since(countedFrom).toMillis() / 1000.0;
            pg.start();
            long restartedAt = System.nanoTime();
            System.out.printf(Locale.ROOT, "cluster: PostgreSQL stopped for %.1f s; /readyz of %s: %s%n",
                    (restartedAt - stoppedAt) / 1e9, c1, new TreeMap<>(counts(answers)));
            assertThat(answers).as("/readyz of the coordinator " + c1 + " during the outage, every 500 ms")
                    .hasSizeGreaterThanOrEqualTo(5).allMatch(a -> a.startsWith("503 failing=database"));
            for (String site : all) {
                long grew = hitsAfter.get(site) - hitsBefore.get(site);
                assertThat(grew).as("checks of " + site + " in the " + seconds + " s of the outage (interval 1s)")
                        .isGreaterThanOrEqualTo((long) (seconds / 2));
            }

            View again = cluster.awaitAgreement("both nodes live and naming one coordinator after the outage",
                    FAILOVER.multipliedBy(2), v -> v.nodes().size() == 2
                            && v.nodes().stream().allMatch(m -> "live".equals(m.state())));
            Duration agreed = since(restartedAt);
            System.out.printf(Locale.ROOT, "cluster: one coordinator again %.1f s after PostgreSQL returned: %s "
                    + "(before the outage %s, epoch %d -> %d)%n", agreed.toMillis() / 1000.0, again.coordinator(), c1,
                    first.epoch(), again.epoch());
            assertThat(agreed).as("time until both nodes name one coordinator after the outage")
                    .isLessThanOrEqualTo(FAILOVER);
            for (String site : failing) {
                awaitAlert(slack, site);
            }
            Node now = cluster.node(again.coordinator());
            for (Node node : cluster.running()) {
                poll(node + " ready again", WAIT, () -> node.get("/readyz").statusCode() == 200
                        ? Optional.of(true) : Optional.empty(), () -> readiness(node));
            }

            sites.allUp();
            poll("no open incident of a site on " + now, WAIT, () -> incidentIds(now.json("/api/incidents")).isEmpty()
                    ? Optional.of(true) : Optional.empty(), () -> now.json("/api/incidents").toString());
            poll("2 Slack posts of sites, each shown resolved", WAIT, () -> {
                List<FakeSlack.Message> posts = slack.messages(CHANNEL).stream().filter(m -> !isNotice(m)).toList();
                return posts.size() >= 2 && posts.stream().allMatch(m -> m.text().startsWith("RESOLVED: "))
                        ? Optional.of(posts) : Optional.empty();
            }, () -> describe(slack.messages(CHANNEL)));
            poll("an outbox with nothing pending or in flight", WAIT, () -> {
                try (Connection c = pg.connect("outage")) {
                    return outbox(c).keySet().stream().noneMatch(s -> s.equals("pending") || s.equals("in flight"))
                            ? Optional.of(true) : Optional.empty();
                }
            }, () -> "not yet");
            Thread.sleep(3_000); // a few more sweeps and delivery rounds: nothing may come twice

            Map<String, String> targetOf = new TreeMap<>();
            Set<String> notices = new TreeSet<>();
            for (JsonNode i : now.json("/api/incidents?state=all").path("incidents")) {
                if (i.path("kind").asText().equals("NODE_LOST")) {
                    notices.add(i.path("id").asText() + " " + i.path("title").asText() + " "
                            + i.path("state").asText());
                    continue;
                }
                assertThat(i.path("state").asText()).as(i.toString()).isEqualTo("RESOLVED");
                assertThat(i.path("targets")).as(i.toString()).hasSize(1);
                targetOf.put(i.path("id").asText(), i.path("targets").get(0).path("id").asText());
            }
            System.out.println("cluster: lost-node notices after the outage: " + notices);
            assertThat(notices).as("no node was killed: a database outage loses no node (the coordinator waits "
                    + "for fresh heartbeats before it judges)").isEmpty();
            assertThat(targetOf.values()).as("the sites of the incidents: one per site that went down: " + targetOf)
                    .containsExactlyInAnyOrderElementsOf(failing);
            List<FakeSlack.Message> posts = slack.messages(CHANNEL);
            Map<String, List<FakeSlack.Message>> postsOf = new TreeMap<>();
            for (FakeSlack.Message m : posts) {
                postsOf.computeIfAbsent(ids(m.text()).stream().findFirst().orElse("no incident id"),
                        k -> new ArrayList<>()).add(m);
            }
            assertThat(postsOf.keySet()).as("incidents posted: " + describe(posts)).containsAll(targetOf.keySet());
            postsOf.forEach((id, own) -> {
                assertThat(own).as(id + " posted once: " + describe(own)).hasSize(1);
                List<String> replies = slack.replies(CHANNEL, own.get(0).ts()).stream().map(FakeSlack.Message::text)
                        .toList();
                assertThat(replies).as(id + "'s thread").doesNotHaveDuplicates();
                if (targetOf.containsKey(id)) {
                    assertThat(own.get(0).text()).as(id + "'s post").startsWith("RESOLVED: " + id)
                            .contains(targetOf.get(id));
                    assertThat(replies).as(id + "'s thread")
                            .anyMatch(r -> r.toLowerCase(Locale.ROOT).contains("resolved"));
                }
            });
            assertThat(slack.calls()).as("top-level posts that Slack accepted")
                    .filteredOn(c -> c.method().equals("chat.postMessage") && c.error() == null
                            && c.params().getOrDefault("thread_ts", "").isEmpty())
                    .hasSize(postsOf.size());
            try (Connection c = pg.connect("outage")) {
                assertThat(outbox(c)).as("outbox messages by status").doesNotContainKeys("pending", "failed",
                        "in flight");
            }
        }
    }

    /** {@code /readyz} of {@code node} in a few words: {@code "503 failing=database,coordinator"}. */
    private static String readiness(Node node) {
        try {
            HttpResponse<String> r = node.get("/readyz");
            List<String> failing = new ArrayList<>();
            for (JsonNode check : JSON.readTree(r.body()).path("checks")) {
                if (!check.path("ok").asBoolean()) {
                    failing.add(check.path("name").asText());
                }
            }
            return r.statusCode() + (failing.isEmpty() ? "" : " failing=" + String.join(",", failing));
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Map<String, Long> hits(Sites sites, List<String> ids) {
        Map<String, Long> out = new TreeMap<>();
        ids.forEach(id -> out.put(id, sites.hits(id)));
        return out;
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> out = new TreeMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    @Test
    void oneDiscordGatewaySessionAtATime() throws Exception {
        sites = Sites.start(1);
        Path rules = sites.rules(dir);
        try (FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD)) {
            Map<String, String> env = new HashMap<>(databaseEnv());
            env.putAll(Map.of("DISCORD_BOT_TOKEN", FakeTokens.DISCORD, "DISCORD_GUILD_ID", FakeDiscord.GUILD_ID,
                    "VARDE_DISCORD_API_URL", discord.restUrl(), "VARDE_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                    "DISCORD_DEFAULT_CHANNEL", FakeDiscord.CHANNEL_ID));
            cluster.start(dir, env, List.of("n1", "n2", "n3"), "run", "--rules", rules.toString());

            View first = cluster.awaitAgreement("coordinator named alike by all three live nodes", VardeCluster.START,
                    v -> v.nodes().size() == 3 && v.nodes().stream().allMatch(m -> "live".equals(m.state())));
            String c1 = first.coordinator();
            discord.awaitSessions(1, 1, WAIT);
            awaitLine(cluster.node(c1), "event=discord_logged_in");

            long killedAt = System.nanoTime();
            cluster.node(c1).kill();
            discord.awaitSessions(1, 0, Duration.ofSeconds(5)); // its socket closed with the process
            discord.awaitSessions(2, 1, NEW_SESSION.multipliedBy(2));
            Duration replaced = since(killedAt);
            System.out.printf(Locale.ROOT, "cluster: a new Discord session %.1f s after SIGKILL of %s%n",
                    replaced.toMillis() / 1000.0, c1);
            assertThat(replaced).as("time until another node's gateway session").isLessThanOrEqualTo(NEW_SESSION);
            View second = cluster.awaitAgreement("a coordinator other than the SIGKILLed " + c1, WAIT,
                    v -> !v.coordinator().equals(c1));
            String c2 = second.coordinator();
            awaitLine(cluster.node(c2), "event=discord_logged_in");

            long stoppedAt = System.nanoTime();
            cluster.node(c2).stop(Duration.ofSeconds(20));
            View third = cluster.awaitAgreement("the last node as coordinator after " + c2 + "'s clean stop", WAIT,
                    v -> !v.coordinator().equals(c1) && !v.coordinator().equals(c2));
            Duration handover = since(stoppedAt);
            String c3 = third.coordinator();
            System.out.printf(Locale.ROOT, "cluster: %s took over %.1f s after SIGTERM of %s%n", c3,
                    handover.toMillis() / 1000.0, c2);
            assertThat(handover).as("handover after a clean stop").isLessThanOrEqualTo(HANDOVER);
            assertThat(cluster.node(c2).stderr()).as(c2 + " stopped cleanly")
                    .anyMatch(l -> l.contains("event=stopped"));
            discord.awaitSessions(3, 1, WAIT);
            awaitLine(cluster.node(c3), "event=discord_logged_in");
            cluster.awaitAny(c1 + " lost and " + c2 + " stopped", WAIT,
                    v -> state(v, c1).equals("lost") && state(v, c2).equals("stopped"));

            sites.down("site-1");
            discord.awaitMessage(FakeDiscord.CHANNEL_ID, m -> m.embeds().toString().contains("site-1 is DOWN"), WAIT);
            Thread.sleep(1_500);
            assertThat(discord.messages(FakeDiscord.CHANNEL_ID)).as("the alert, posted by " + c3)
                    .filteredOn(m -> m.embeds().toString().contains("site-1 is DOWN")).hasSize(1);
            assertThat(discord.mostOpenSessions()).as("identified gateway sessions open at the same time, at most")
                    .isEqualTo(1);
            assertThat(discord.sessions()).as("sessions identified: one per coordinator").isEqualTo(3);
        }
    }

    private Map<String, String> databaseEnv() {
        return Map.of("VARDE_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database,
                "VARDE_DB_USER", "postgres", "VARDE_DB_PASSWORD", "postgres");
    }

    /** Outbox messages by status, plus {@code "in flight"}: deliveries begun and not settled. */
    private Map<String, Integer> outbox() throws SQLException {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection()) {
            return outbox(c);
        }
    }

    /** As {@link #outbox()}, read through {@code c}. */
    private static Map<String, Integer> outbox(Connection c) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox_in_flight")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    counts.put("in flight", rs.getInt(1));
                }
            }
        }
        return counts;
    }

    /**
     * Checks are shared: Quartz's clustered job store spreads the 60 check shards (the default)
     * evenly over three nodes (20 each), every site is checked about once per interval by the cluster as a whole,
     * and a SIGKILLed node's shards move to the survivors within {@link #SHARDS_MOVE} (Quartz's
     * check-in interval plus its 7.5 s grace, a balance round and a firing) with their state: the
     * sites already DOWN are not announced again, a site going down meanwhile is alerted, all
     * recover once. A node joining later gets its share again.
     */
    @Test
    void checksAreSharedEvenlyAndMoveWithTheirStateWhenANodeDies() throws Exception {
        sites = Sites.start(24);
        Path rules = sites.rules(dir);
        try (FakeSlack slack = FakeSlack.start(FakeTokens.SLACK_BOT)) {
            Map<String, String> env = slackEnv(slack);
            cluster.start(dir, env, List.of("n1", "n2", "n3"), "run", "--rules", rules.toString());

            View spread = cluster.awaitAgreement("60 shards spread 20 per node", VardeCluster.START.plus(WAIT),
                    v -> v.nodes().size() == 3 && spreadEvenly(v, 60, 20, 20));
            System.out.println("cluster: shards " + shardsByNode(spread));
            assertEachSiteCheckedOncePerInterval(sites, "with 3 nodes");

            List<String> down = List.of("site-1", "site-2", "site-3", "site-4", "site-5", "site-6");
            sites.down(down.toArray(String[]::new));
            for (String site : down) {
                awaitAlert(slack, site);
            }
            String coordinator = spread.coordinator();
            Node victim = cluster.running().stream().filter(n -> !n.name().equals(coordinator)).findFirst()
                    .orElseThrow();
            List<Integer> orphaned = spread.member(victim.name()).shards();
            long killedAt = System.nanoTime();
            victim.kill();
            sites.down("site-7");
            View moved = cluster.awaitAny(victim + "'s shards " + orphaned + " taken by the survivors",
                    SHARDS_MOVE.multipliedBy(2), v -> v.nodes().stream()
                            .filter(m -> !m.name().equals(victim.name()) && m.state().equals("live"))
                            .mapToInt(m -> m.shards().size()).sum() == 60
                            && v.member(victim.name()).shards().isEmpty());
            Duration move = since(killedAt);
            System.out.printf(Locale.ROOT, "cluster: the SIGKILLed %s's %d shards moved in %.1f s: %s%n", victim,
                    orphaned.size(), move.toMillis() / 1000.0, shardsByNode(moved));
            assertThat(move).as("time until a SIGKILLed node's shards run elsewhere").isLessThanOrEqualTo(SHARDS_MOVE);
            View halves = cluster.awaitAny("30 shards each on the 2 survivors", WAIT, v -> spreadEvenly(v, 60, 30, 30));
            System.out.println("cluster: shards on 2 nodes " + shardsByNode(halves));
            awaitAlert(slack, "site-7");
            assertEachSiteCheckedOncePerInterval(sites, "with 2 nodes");

            // A node joining gets its share: the spread is even again.
            cluster.start(dir, env, List.of("n4"), "run", "--rules", rules.toString());
            View again = cluster.awaitAny("60 shards spread 20 each over three live nodes", WAIT, v ->
                    v.nodes().stream().filter(m -> m.state().equals("live")).count() == 3 && spreadEvenly(v, 60, 20, 20));
            System.out.println("cluster: shards after n4 joined " + shardsByNode(again));
            assertEachSiteCheckedOncePerInterval(sites, "after n4 joined");

            sites.allUp();
            Node asked = cluster.node(coordinator);
            poll("no open incident of a site", WAIT, () -> incidentIds(asked.json("/api/incidents")).isEmpty()
                    ? Optional.of(true) : Optional.empty(), () -> asked.json("/api/incidents").toString());
            Map<String, List<String>> incidentsOf = new TreeMap<>();
            for (JsonNode i : asked.json("/api/incidents?state=all").path("incidents")) {
                if (i.path("kind").asText().equals("NODE_LOST")) {
                    continue;
                }
                String site = i.path("targets").get(0).path("id").asText();
                incidentsOf.computeIfAbsent(site, k -> new ArrayList<>()).add(i.path("id").asText());
                JsonNode full = asked.json("/api/incidents/" + i.path("id").asText());
                List<String> timeline = new ArrayList<>();
                full.path("timeline").forEach(e -> timeline.add(e.path("action").asText() + ": " + e.path("text").asText()));
                assertThat(timeline).as(site + "'s incident: DOWN once, back UP once (no re-announcement after "
                        + "the move)").filteredOn(e -> e.contains("is DOWN")).hasSize(1);
            }
            assertThat(incidentsOf.keySet()).as("one incident per site that went down: " + incidentsOf)
                    .containsExactly("site-1", "site-2", "site-3", "site-4", "site-5", "site-6", "site-7");
            assertThat(incidentsOf.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            List<FakeSlack.Message> posts = slack.messages(CHANNEL).stream().filter(m -> !isNotice(m)).toList();
            assertThat(posts).as("one Slack post per site: " + describe(posts)).hasSize(7);
        }
    }

    /** The cluster's database, and Slack in HTTP mode against {@code slack} with {@link #CHANNEL} as the default. */
    private Map<String, String> slackEnv(FakeSlack slack) {
        Map<String, String> env = new HashMap<>(databaseEnv());
        env.putAll(Map.of("SLACK_BOT_TOKEN", FakeTokens.SLACK_BOT, "SLACK_SIGNING_SECRET", SECRET,
                "VARDE_SLACK_API_URL", slack.apiUrl(), "SLACK_DEFAULT_CHANNEL", CHANNEL));
        return env;
    }

    private static boolean spreadEvenly(View v, int shards, int floor, int ceiling) {
        List<Member> live = v.nodes().stream().filter(m -> m.state().equals("live")).toList();
        int total = live.stream().mapToInt(m -> m.shards().size()).sum();
        return total == shards && live.stream().allMatch(m -> m.shards().size() >= floor && m.shards().size() <= ceiling);
    }

    private static Map<String, List<Integer>> shardsByNode(View v) {
        Map<String, List<Integer>> out = new TreeMap<>();
        v.nodes().forEach(m -> out.put(m.name() + "(" + m.state() + ")", m.shards()));
        return out;
    }

    /** Every site is checked about once a second (its interval) by the cluster as a whole: not once per node. */
    private static void assertEachSiteCheckedOncePerInterval(Sites sites, String when) throws InterruptedException {
        Thread.sleep(3_000); // a shard just adopted spreads its first checks over one interval
        Map<String, Double> rates = sites.checkRates(Duration.ofSeconds(6));
        System.out.printf(Locale.ROOT, "cluster: checks per site and second %s: min %.2f max %.2f%n", when,
                rates.values().stream().mapToDouble(d -> d).min().orElse(0),
                rates.values().stream().mapToDouble(d -> d).max().orElse(0));
        assertThat(rates).as("checks per site and second " + when + " (interval 1 s, checked once by the cluster)")
                .allSatisfy((site, rate) -> assertThat(rate).as(site).isBetween(0.5, 1.5));
    }

    private static void assertWellFormed(View v) {
        assertThat(v.epoch()).as("epoch in " + v.json()).isPositive();
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(v.since());
        for (Member m : v.nodes()) {
            assertThat(m.version()).as("version in " + v.json()).isNotBlank();
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(m.startedAt());
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(m.heartbeatAt());
        }
    }

    /**
     * Only the coordinator checks: each site is checked about once a second (its interval), not
     * once per node; and checked at all.
     */
    private static void assertOneChecker(Sites sites, String when) throws InterruptedException {
        double rate = sites.checkRate(Duration.ofSeconds(3));
        System.out.printf(Locale.ROOT, "cluster: %.2f checks per site and second %s%n", rate, when);
        assertThat(rate).as("checks per site and second " + when + " (interval 1s, one checking node)")
                .isBetween(0.5, 1.5);
    }

    private static String state(View v, String node) {
        return v.nodes().stream().filter(m -> m.name().equals(node)).map(Member::state).findFirst().orElse("absent");
    }

    private static void awaitAlert(FakeSlack slack, String site) {
        slack.awaitMessage(CHANNEL, m -> m.text().contains(" " + site + " is DOWN"), WAIT);
    }

    private static void awaitLine(Node node, String text) throws Exception {
        poll(node + " logging " + text, WAIT, () -> node.stderr().stream().filter(l -> l.contains(text)).findFirst(),
                () -> "not yet");
    }

    /** The ids of the incidents of sites (not the lost-node notices, which come and go with the nodes). */
    private static Set<String> incidentIds(JsonNode incidents) {
        Set<String> ids = new TreeSet<>();
        incidents.path("incidents").forEach(i -> {
            if (!i.path("kind").asText().equals("NODE_LOST")) {
                ids.add(i.path("id").asText());
            }
        });
        return ids;
    }

    /** The ids of the lost-node notices. */
    private static Set<String> noticeIds(JsonNode incidents) {
        Set<String> ids = new TreeSet<>();
        incidents.path("incidents").forEach(i -> {
            if (i.path("kind").asText().equals("NODE_LOST")) {
                ids.add(i.path("id").asText());
            }
        });
        return ids;
    }

    private static boolean isNotice(FakeSlack.Message m) {
        return m.text().contains("Cluster node ");
    }

    private static Set<String> ids(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = INCIDENT.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Map<String, String> targetStates(JsonNode targets) {
        Map<String, String> states = new TreeMap<>();
        targets.path("targets").forEach(t -> states.put(t.path("id").asText(), t.path("state").asText()));
        return states;
    }

    private static String describe(List<FakeSlack.Message> messages) {
        StringBuilder sb = new StringBuilder();
        messages.forEach(m -> sb.append("\n  ").append(m.ts()).append(" edits=").append(m.edits()).append(' ')
                .append(m.text()));
        return sb.toString();
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** Asks {@code probe} every 200 ms until it has a value; fails with {@code seen} after {@code max}. */
    private static <T> T poll(String what, Duration max, Callable<Optional<T>> probe, Callable<String> seen)
            throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Optional<T> value = probe.call();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + max + "; seen: " + seen.call());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Sites {@code site-1} ... {@code site-N} on one local HTTP server, one path each, answering 200
     * while up and 503 while down, counting the checks; their {@code targets.yaml} checks each every
     * second, DOWN after two failures, UP after one success.
     */
    private static final class Sites implements AutoCloseable {
        private final HttpServer server;
        private final int count;
        private final Map<String, Integer> status = new ConcurrentHashMap<>();
        private final AtomicLong hits = new AtomicLong();
        private final Map<String, AtomicLong> hitsOf = new ConcurrentHashMap<>();

        private Sites(HttpServer server, int count) {
            this.server = server;
            this.count = count;
        }

        static Sites start(int count) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Sites sites = new Sites(server, count);
            server.createContext("/", exchange -> {
                String site = exchange.getRequestURI().getPath().substring(1);
                sites.hits.incrementAndGet();
                sites.hitsOf.computeIfAbsent(site, k -> new AtomicLong()).incrementAndGet();
                byte[] body = site.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(sites.status.getOrDefault(site, 404), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            sites.allUp();
            return sites;
        }

        Path rules(Path dir) throws IOException {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            StringBuilder targets = new StringBuilder(
                    "defaults: { interval: 1s, timeout: 1s, failure-threshold: 2, success-threshold: 1 }\ntargets:\n");
            for (int i = 1; i <= count; i++) {
                targets.append("  - id: site-").append(i).append("\n    url: http://127.0.0.1:")
                        .append(server.getAddress().getPort()).append("/site-").append(i).append('\n');
            }
            Files.writeString(rules.resolve("targets.yaml"), targets.toString());
            return rules;
        }

        /** Checks per site and second over {@code window} (all sites together, divided by their number). */
        double checkRate(Duration window) throws InterruptedException {
            long before = hits.get();
            long from = System.nanoTime();
            Thread.sleep(window.toMillis());
            return (hits.get() - before) / (count * (System.nanoTime() - from) / 1e9);
        }

        /** Checks per second of each site over {@code window}. */
        Map<String, Double> checkRates(Duration window) throws InterruptedException {
            Map<String, Long> before = new TreeMap<>();
            for (int i = 1; i <= count; i++) {
                before.put("site-" + i, hits("site-" + i));
            }
            long from = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - from) / 1e9;
            Map<String, Double> rates = new TreeMap<>();
            before.forEach((site, n) -> rates.put(site, (hits(site) - n) / seconds));
            return rates;
        }

        /** How often {@code site} has been checked so far. */
        long hits(String site) {
            AtomicLong n = hitsOf.get(site);
            return n == null ? 0 : n.get();
        }

        void down(String... ids) {
            for (String id : ids) {
                status.put(id, 503);
            }
        }

        void allUp() {
            for (int i = 1; i <= count; i++) {
                status.put("site-" + i, 200);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
