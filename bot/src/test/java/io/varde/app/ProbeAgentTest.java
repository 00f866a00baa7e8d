package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.varde.check.CheckResult;
import io.varde.check.Location;
import io.varde.check.Observation;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.check.probe.Probers;
import io.varde.config.VantageConfig;
import io.varde.core.Labels;
import io.varde.testing.TestTargets;
import io.varde.vantage.AgentSettings;
import io.varde.vantage.ProbeAgent;
import io.varde.vantage.ProbeEndpoint;
import io.varde.vantage.ProbeListener;
import io.varde.web.WebServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A probe agent end to end in one JVM, all on 127.0.0.1: a real {@link WebServer} with
 * {@link ProbeRoutes} over a {@link ProbeEndpoint} whose sink collects what arrives, a local site,
 * and the agent with the server's probers over plain HTTP to loopback. The agent fetches its
 * assignment, checks the site and sends; with the server away it buffers and, once a server is
 * back on the same port, sends everything: nothing lost, nothing twice. With a small buffer the
 * oldest are dropped and the server is told how many.
 */
class ProbeAgentTest {

    private static final String TOKEN = "fra-agent-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private HttpServer site;
    private List<Target> targets;
    private ProbeEndpoint endpoint;
    private WebServer web;
    private int port;
    private final Probers probers = new Probers();
    private final Recording prober = new Recording(probers);
    private ProbeAgent agent;

    /** What arrived: each result as {@code location:target@at}, and each batch's size and drops. */
    private final List<String> arrived = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<Integer> droppedReported = new ArrayList<>();

    /** The server's probers, remembering every check they completed as {@code fra:target@at}. */
    static final class Recording implements Prober {
        private final Prober delegate;
        final List<String> checked = new ArrayList<>();

        Recording(Prober delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Observation> probe(Target target) {
            return delegate.probe(target).thenApply(o -> {
                synchronized (checked) {
                    checked.add("fra:" + target.id() + "@" + o.startedAt().truncatedTo(ChronoUnit.MILLIS));
                }
                return o;
            });
        }

        List<String> checked() {
            synchronized (checked) {
                return List.copyOf(checked);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        site = LocalSite.start(0, "/", "ok");
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        targets = IntStream.range(0, 5).mapToObj(i -> TestTargets.target("site-" + i,
                io.varde.check.HttpSpec.get(URI.create(url + i)), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .toList();
        VantageConfig config = new VantageConfig(List.of(Location.home(),
                new Location("fra", "de", Labels.empty(), null, true)), Map.of("fra", List.of(TOKEN)));
        endpoint = new ProbeEndpoint(config, location -> location.equals("fra") ? targets : List.of(),
                (location, results, dropped) -> {
                    synchronized (arrived) {
                        results.forEach(r -> arrived.add(location + ":" + r.targetId() + "@" + r.at()));
                        batchSizes.add(results.size());
                        droppedReported.add(dropped);
                        arrived.notifyAll();
                    }
                }, ProbeListener.NONE, Clock.systemUTC());
        web = WebServer.start(new InetSocketAddress("127.0.0.1", 0), ProbeRoutes.of(endpoint));
        port = web.port();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        probers.close();
        if (web != null) {
            web.close();
        }
        site.stop(0);
    }

    private void startAgent(int buffer) {
        agent = ProbeAgent.start(new AgentSettings(URI.create("http://127.0.0.1:" + port), "fra", TOKEN, buffer, 64, 8),
                prober, Clock.tickMillis(ZoneOffset.UTC));
    }

    private void restartServer() throws Exception {
        web = WebServer.start(new InetSocketAddress("127.0.0.1", port), ProbeRoutes.of(endpoint));
    }

    private List<String> arrived() {
        synchronized (arrived) {
            return List.copyOf(arrived);
        }
    }

    private int batches() {
        synchronized (arrived) {
            return batchSizes.size();
        }
    }

    /** Waits (woken by each batch, or every 100 ms) until {@code done}, failing after {@link #WAIT}. */
    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (arrived) {
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what + "; arrived " + arrived.size()
                            + " results in " + batchSizes.size() + " batches, checked " + prober.checked().size());
                }
                arrived.wait(100);
            }
        }
    }

    /** Stops the web server just after a batch arrived, so that none is in flight as it goes. */
    private void stopServerBetweenBatches() throws InterruptedException {
        int seen = batches();
        await("another batch", () -> batches() > seen);
        web.close();
        web = null;
    }

    @Test
    void theAgentChecksWhatItIsAssignedAndResendsEverythingAfterTheServerWasAway() throws Exception {
        startAgent(AgentSettings.DEFAULT_BUFFER);

        await("every site's results from fra", () -> targets.stream()
                .allMatch(t -> arrived().stream().anyMatch(a -> a.startsWith("fra:" + t.id() + "@"))));
        assertThat(agent.assignment()).hasValueSatisfying(a -> assertThat(a.targets()).hasSize(5));

        stopServerBetweenBatches();
        int checkedBefore = prober.checked().size();
        await("checks while the server is away", () -> prober.checked().size() >= checkedBefore + 15);
        List<String> whileAway = prober.checked().subList(checkedBefore, prober.checked().size());
        assertThat(agent.buffered()).isGreaterThanOrEqualTo(whileAway.size());
        restartServer();

        await("the results checked while the server was away", () -> arrived().containsAll(whileAway));
        agent.close();

        List<String> arrived = arrived();
        assertThat(new HashSet<>(arrived)).as("nothing twice").hasSize(arrived.size());
        assertThat(arrived).as("nothing lost").containsExactlyInAnyOrderElementsOf(prober.checked());
        assertThat(droppedReported).containsOnly(0);
        assertThat(agent.dropped()).isZero();
        assertThat(agent.buffered()).isZero();
    }

    @Test
    void aFullBufferDropsTheOldestAndTellsTheServerHowMany() throws Exception {
        startAgent(10);
        await("a first batch", () -> batches() > 0);

        stopServerBetweenBatches();
        int checkedBefore = prober.checked().size();
        await("drops", () -> agent.dropped() >= 10);
        String firstWhileAway = prober.checked().get(checkedBefore);
        restartServer();

        await("the drops reported", () -> droppedReported.stream().mapToInt(Integer::intValue).sum() > 0);
        agent.close();

        List<String> checked = prober.checked();
        List<String> arrived = arrived();
        long reported = droppedReported.stream().mapToLong(Integer::longValue).sum();
        assertThat(agent.buffered()).isZero();
        assertThat(reported).as("every drop reported").isEqualTo(agent.dropped()).isGreaterThanOrEqualTo(10);
        assertThat(arrived.size() + reported).as("arrived or dropped, nothing else").isEqualTo(checked.size());
        assertThat(new HashSet<>(arrived)).hasSize(arrived.size());
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
        assertThat(arrived).as("the oldest went").doesNotContain(firstWhileAway)
                .as("the newest stayed").contains(checked.get(checked.size() - 1));
    }

    @Test
    void theCommandRefusesPlainHttpBeyondLoopbackAndAMissingTokenBeforeConnecting() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var errStream = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        var outStream = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);

        int plain = Main.execute(new String[] {"probe", "--server", "http://example.org", "--location", "fra"},
                Map.of(ProbeCommand.TOKEN, TOKEN), outStream, errStream);
        String plainSaid = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        err.reset();
        int noToken = Main.execute(new String[] {"probe", "--server", "https://varde.example.org", "--location", "fra"},
                Map.of(), outStream, errStream);
        String noTokenSaid = err.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(plain).isEqualTo(2);
        assertThat(plainSaid).contains("varde probe: --server: plain http:// is refused except to 127.0.0.1, ::1 or "
                + "localhost").contains("use https://example.org").contains("nothing was started");
        assertThat(noToken).isEqualTo(2);
        assertThat(noTokenSaid).contains("VARDE_PROBE_TOKEN is not set");
    }
}
