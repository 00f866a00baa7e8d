package io.varde.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.config.ConfigLoader;
import io.varde.config.VardeConfig;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.IntelSource;
import io.varde.intel.IntelSource.Kind;
import io.varde.intel.IntelSources;
import io.varde.intel.SourceStatus;
import io.varde.intel.StoredClaim;
import io.varde.intel.TargetIndex;
import io.varde.intel.TaskListSnapshot;
import io.varde.testing.MemoryIntelStore;
import io.varde.testing.MutableClock;
import io.varde.testing.TestTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The poller against a local HTTP server (127.0.0.1, ephemeral port) that serves the real DDoSia
 * lists and a feed, with the in-memory store and the real intake. Each poll is awaited on the
 * future {@code pollDue} returns, with a generous deadline.
 */
class IntelPollerTest {

    static final String OCT_2 = "2025-10-02_11-10-35_DDoSia-target-list-full.json";
    static final String OCT_3 = "2025-10-03_07-10-31_DDoSia-target-list-full.json";
    static final Instant T0 = Instant.parse("2025-11-13T08:00:00Z");

    /** What the server answers on one path: a status and a body, with an ETag of the body when asked. */
    record Answer(int status, byte[] body, boolean etag) {
    }

    private HttpServer server;
    private final Map<String, AtomicReference<Answer>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> served = new CopyOnWriteArrayList<>();
    /** Moved by the test, read by the poller's thread. */
    private final MutableClock clock = new MutableClock(T0);
    private final MemoryIntelStore store = new MemoryIntelStore();
    private final List<IntelEvent> events = new CopyOnWriteArrayList<>();
    private final Set<String> intakeThreads = new HashSet<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private IntelPoller poller;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(IntelPoller.class);
        logger.setLevel(Level.INFO);
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        server.stop(0);
        Logger logger = (Logger) LoggerFactory.getLogger(IntelPoller.class);
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        served.add(path + (ex.getRequestHeaders().containsKey("If-None-Match") ? " conditional" : ""));
        AtomicReference<Answer> a = answers.get(path);
        if (a == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        Answer answer = a.get();
        String etag = "\"" + java.util.Arrays.hashCode(answer.body()) + "\"";
        if (answer.etag() && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        if (answer.etag()) {
            ex.getResponseHeaders().add("ETag", etag);
        }
        ex.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private void serve(String path, int status, byte[] body, boolean etag) {
        answers.computeIfAbsent(path, p -> new AtomicReference<>()).set(new Answer(status, body, etag));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = IntelPollerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private IntelSource source(String name, Kind kind, String path) {
        return new IntelSource(name, kind, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                kind.defaultEvery(), "NoName057(16)");
    }

    private IntelPoller poller(List<Target> targets, IntelSource... sources) {
        IntelIntake intake = new IntelIntake(store, () -> TargetIndex.of(targets), e -> {
            synchronized (intakeThreads) {
                intakeThreads.add(Thread.currentThread().getName());
            }
            events.add(e);
        });
        poller = new IntelPoller(new IntelSources(List.of(sources)), intake, new SourceFetcher("test"), clock);
        return poller;
    }

    /** Moves the clock to {@code at} and runs the polls due then, waiting until they are done. */
    private void pollAt(Instant at) throws Exception {
        clock.set(at);
        poller.pollDue(at).get(60, TimeUnit.SECONDS);
    }

    private SourceStatus status(String name) {
        return poller.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> logged(String event) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("event=" + event))
                .toList();
    }

    @Test
    void twoConsecutiveListsAreStoredAndTheSecondBringsTheKnownChange() throws Exception {
        serve("/ddosia/latest.json", 200, resource("/ddosia/" + OCT_2), true);
        poller(List.of(), source("ddosia", Kind.TASK_LIST, "/ddosia/latest.json"));

        pollAt(T0);
        serve("/ddosia/latest.json", 200, resource("/ddosia/" + OCT_3), true);
        pollAt(T0.plus(Duration.ofMinutes(10)));

        List<TaskListSnapshot> lists = store.taskLists();
        assertThat(lists).hasSize(2).allSatisfy(s -> assertThat(s.source()).isEqualTo("ddosia"));
        assertThat(lists.get(0).observedAt()).as("no time in the URL: when fetched").isEqualTo(T0);
        assertThat(lists.get(0).tasks()).isEqualTo(353);
        Set<String> added = new HashSet<>(lists.get(1).pathsByHost().keySet());
        added.removeAll(lists.get(0).pathsByHost().keySet());
        Set<String> removed = new HashSet<>(lists.get(0).pathsByHost().keySet());
        removed.removeAll(lists.get(1).pathsByHost().keySet());
        assertThat(added).containsExactlyInAnyOrder("e-prail.ro", "ro.dbcargo.com", "sts.ro", "timrailcargo.ro",
                "www.afer.ro", "www.mdlpa.ro", "www.pmb.ro");
        assertThat(removed).containsExactly("politics.leics.gov.uk");
        StoredClaim newlyTasked = store.claims().get(store.claims().size() - 1);
        assertThat(newlyTasked.claim().actor()).isEqualTo("NoName057(16)");
        assertThat(newlyTasked.claim().hosts()).extracting(h -> h.host()).containsExactlyInAnyOrder(
                "e-prail.ro", "ro.dbcargo.com", "sts.ro", "timrailcargo.ro", "www.afer.ro", "www.mdlpa.ro", "www.pmb.ro");
        assertThat(status("ddosia")).satisfies(s -> {
            assertThat(s.lastSuccess()).contains(T0.plus(Duration.ofMinutes(10)));
            assertThat(s.entries()).isEqualTo(438);
            assertThat(s.hosts()).isEqualTo(35);
            assertThat(s.failing()).isFalse();
        });
        assertThat(intakeThreads).as("never on the caller's thread").containsExactly("varde-intel");
        assertThat(logged("intel_source_read")).hasSize(2).last().asString()
                .contains("source=ddosia", "added=7", "removed=1");
    }

    @Test
    void anUnchangedListAddsNothingWhetherTheServerSaysSoOrSendsItAgain() throws Exception {
        serve("/etag.json", 200, resource("/ddosia/" + OCT_2), true);
        serve("/plain.json", 200, resource("/ddosia/" + OCT_2), false);
        poller(List.of(), source("with-etag", Kind.TASK_LIST, "/etag.json"),
                source("without-etag", Kind.TASK_LIST, "/plain.json"));

        pollAt(T0);
        int claims = store.claims().size();
        pollAt(T0.plus(Duration.ofMinutes(10)));
        pollAt(T0.plus(Duration.ofMinutes(20)));

        assertThat(store.taskLists()).extracting(TaskListSnapshot::source)
                .containsExactlyInAnyOrder("with-etag", "without-etag");
        assertThat(store.claims()).hasSize(claims);
        assertThat(served).containsExactly("/etag.json", "/plain.json", "/etag.json conditional", "/plain.json",
                "/etag.json conditional", "/plain.json");
        assertThat(poller.status()).allSatisfy(s -> {
            assertThat(s.lastSuccess()).contains(T0.plus(Duration.ofMinutes(20)));
            assertThat(s.entries()).as("the counts of the last list read").isEqualTo(353);
        });
    }

    @Test
    void aSourceIsPolledOnlyWhenDue() throws Exception {
        serve("/list.json", 200, resource("/ddosia/" + OCT_2), true);
        poller(List.of(), source("ddosia", Kind.TASK_LIST, "/list.json"));

        pollAt(T0);
        pollAt(T0.plus(Duration.ofMinutes(9)));
        pollAt(T0.plus(Duration.ofMinutes(10)));

        assertThat(served).containsExactly("/list.json", "/list.json conditional");
    }

    @Test
    void aFailingSourceIsLoggedOncePerStreakRetriedWhenDueAndRecovers() throws Exception {
        serve("/list.json", 500, "down for maintenance".getBytes(), false);
        serve("/other.json", 200, resource("/ddosia/" + OCT_2), false);
        poller(List.of(), source("ddosia", Kind.TASK_LIST, "/list.json"), source("other", Kind.TASK_LIST, "/other.json"));

        pollAt(T0);
        pollAt(T0.plus(Duration.ofMinutes(10)));

        assertThat(status("ddosia")).satisfies(s -> {
            assertThat(s.failures()).isEqualTo(2);
            assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).endsWith("/list.json: HTTP 500"));
            assertThat(s.lastSuccess()).isEmpty();
        });
        assertThat(status("other").failing()).as("the others go on").isFalse();
        assertThat(store.taskLists()).extracting(TaskListSnapshot::source).containsOnly("other");
        assertThat(logged("intel_source_failed")).singleElement().asString()
                .contains("source=ddosia", "error=\"http://127.0.0.1:");

        serve("/list.json", 200, resource("/ddosia/" + OCT_3), false);
        pollAt(T0.plus(Duration.ofMinutes(20)));

        assertThat(status("ddosia")).satisfies(s -> {
            assertThat(s.failing()).isFalse();
            assertThat(s.lastSuccess()).contains(T0.plus(Duration.ofMinutes(20)));
            assertThat(s.lastError()).as("kept for the status page").isPresent();
        });
        assertThat(store.taskLists()).extracting(TaskListSnapshot::source).contains("ddosia");
        assertThat(logged("intel_source_recovered")).singleElement().asString().contains("source=ddosia", "failures=2");
    }

    @Test
    void badJsonOrXmlIsAFailureOfThatSourceOnly() throws Exception {
        serve("/list.json", 200, "<html>Just a moment...</html>".getBytes(), false);
        serve("/feed.xml", 200, resource("/feeds/malformed.xml"), false);
        poller(List.of(), source("ddosia", Kind.TASK_LIST, "/list.json"), source("telegram", Kind.FEED, "/feed.xml"));

        pollAt(T0);

        assertThat(status("ddosia").lastError()).hasValueSatisfying(e -> assertThat(e).contains("not JSON"));
        assertThat(status("telegram").lastError())
                .hasValueSatisfying(e -> assertThat(e).startsWith("telegram: not an RSS or Atom feed"));
        assertThat(logged("intel_source_failed")).hasSize(2);
    }

    @Test
    void aSourceStillBeingReadIsNotStartedAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/slow.json", ex -> {
            requests.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = resource("/ddosia/" + OCT_2);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        IntelSource slow = new IntelSource("slow", Kind.TASK_LIST,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow.json"), Duration.ofSeconds(30), "");
        poller(List.of(), slow);

        var first = poller.pollDue(T0);
        var second = poller.pollDue(T0.plus(Duration.ofMinutes(5)));

        assertThat(second).as("nothing was started").isDone();
        release.countDown();
        first.get(60, TimeUnit.SECONDS);
        assertThat(requests).hasValue(1);
        assertThat(store.taskLists()).hasSize(1);
    }

    @Test
    void aFeedServedOverHttpGivesStoredClaimsMatchedToTargets() throws Exception {
        serve("/telegram.rss", 200, resource("/feeds/telegram-noname.rss.xml"), false);
        List<Target> targets = List.of(
                TestTargets.target("trm-dk", HttpSpec.get(URI.create("https://www.trm.dk/")), Duration.ofSeconds(60),
                        Duration.ofSeconds(10)),
                TestTargets.target("borger-dk", HttpSpec.get(URI.create("https://www.borger.dk/")),
                        Duration.ofSeconds(60), Duration.ofSeconds(10)),
                TestTargets.target("skat-dk", HttpSpec.get(URI.create("https://www.skat.dk/")), Duration.ofSeconds(60),
                        Duration.ofSeconds(10)));
        poller(targets, source("noname-telegram", Kind.FEED, "/telegram.rss"));

        pollAt(T0);
        pollAt(T0.plus(Duration.ofMinutes(5)));

        assertThat(store.claims()).as("two posts name hosts; polled twice, stored once").hasSize(2);
        StoredClaim russian = store.claims().get(0);
        assertThat(russian.claim().sourceName()).isEqualTo("noname-telegram");
        assertThat(russian.claim().actor()).isEqualTo("NoName057(16)");
        assertThat(russian.claim().claimedAt()).isEqualTo(Instant.parse("2025-11-13T09:14:00Z"));
        assertThat(russian.claim().observedAt()).isEqualTo(T0);
        assertThat(russian.targetIds()).containsExactlyInAnyOrder("trm-dk", "borger-dk");
        assertThat(store.claims().get(1).targetIds()).containsExactly("skat-dk");
        assertThat(events).hasSize(2).allMatch(e -> e instanceof IntelEvent.ClaimSeen);
        assertThat(status("noname-telegram")).satisfies(s -> {
            assertThat(s.entries()).isEqualTo(3);
            assertThat(s.hosts()).isEqualTo(6);
        });
    }

    @Test
    void theShippedSampleIsReadOfflineAndTasksNoShippedTarget() throws Exception {
        VardeConfig config = ConfigLoader.load(Path.of("..", "rules"), Map.of());
        IntelIntake intake = new IntelIntake(store, () -> TargetIndex.of(config.targets()), events::add);
        poller = new IntelPoller(config.intel(), intake, new SourceFetcher("test"), clock);

        pollAt(T0);

        assertThat(store.taskLists()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("ddosia");
            assertThat(s.observedAt()).as("the time in the file name").isEqualTo(Instant.parse("2025-11-05T12:05:11Z"));
            assertThat(s.tasks()).isEqualTo(226);
            assertThat(s.matches()).as("Belgian and Ukrainian hosts only").isEmpty();
        });
        assertThat(store.claims()).allSatisfy(c -> assertThat(c.matches()).isEmpty());
        assertThat(events).filteredOn(e -> e instanceof IntelEvent.TaskingChanged).singleElement()
                .satisfies(e -> assertThat(((IntelEvent.TaskingChanged) e).tasked()).isEmpty());
    }
}
