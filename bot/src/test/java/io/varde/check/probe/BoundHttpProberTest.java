package io.varde.check.probe;

import static io.varde.check.probe.LocalHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.varde.check.Checker;
import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.Observation;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import io.varde.check.ProbeError.Reason;
import io.varde.check.Target;
import io.varde.check.Vantage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jetty path (a source address) gives the same observation as the JDK path (none) for the
 * same exchange: each case runs both against one local server and compares everything but time.
 */
class BoundHttpProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Short, yet long enough for a cold JVM on a busy machine to get a connection out. */
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final String SOURCE = "127.0.0.2";

    private final ProbeExecutors executors = new ProbeExecutors();
    private final HttpProber prober = new HttpProber(executors);
    private final LocalHttpServer server = LocalHttpServer.http();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        server.close();
        prober.close();
        executors.close();
    }

    /** An observation without its timing, for comparing the two paths. */
    record Seen(ProbeError error, Integer status, String body, Instant certificateExpiry,
                Boolean connected, String ip, Map<String, String> headers) {

        static Seen of(Observation o) {
            return new Seen(o.error(), o.status(), o.body(), o.certificateExpiry(), o.connected(),
                    o.ip(), o.headers());
        }
    }

    private Observation jdk(HttpSpec spec, String... conditions) throws Exception {
        return await(prober.probe(SourceTargets.from(null, spec, TIMEOUT, conditions)));
    }

    private Observation jetty(HttpSpec spec, String... conditions) throws Exception {
        return await(prober.probe(SourceTargets.from(SOURCE, spec, TIMEOUT, conditions)));
    }

    private static Observation await(CompletableFuture<Observation> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static HttpSpec get(URI url, boolean followRedirects) {
        return new HttpSpec(url, "GET", Map.of(), null, followRedirects, true);
    }

    @Test
    void aPageWithABodyConditionGivesTheSameStatusBodyAndKeptHeaders() throws Exception {
        server.on("/", exchange -> {
            exchange.getResponseHeaders().set("Server", "varde-test");
            exchange.getResponseHeaders().set("CF-RAY", "8f1e2d3c4b5a6978-CPH");
            exchange.getResponseHeaders().set("X-Not-Kept", "dropped");
            respond(exchange, 200, "text/plain; charset=ISO-8859-1",
                    "café crème".getBytes(StandardCharsets.ISO_8859_1));
        });
        HttpSpec spec = HttpSpec.get(server.uri("/"));

        Observation viaJdk = jdk(spec, "[BODY] == café crème");
        Observation viaJetty = jetty(spec, "[BODY] == café crème");

        assertThat(Seen.of(viaJetty)).isEqualTo(Seen.of(viaJdk));
        assertThat(viaJetty.error()).isNull();
        assertThat(viaJetty.status()).isEqualTo(200);
        assertThat(viaJetty.body()).isEqualTo("café crème");
        assertThat(viaJetty.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("server", "varde-test", "cf-ray", "8f1e2d3c4b5a6978-CPH"));
        assertThat(viaJetty.ip()).isEqualTo("127.0.0.1");
        assertThat(server.requests).extracting(LocalHttpServer.Seen::remoteAddress)
                .containsExactly("127.0.0.1", SOURCE);
    }

    @Test
    void redirectsAreFollowedOrReportedAsOnTheJdkPathEachOnAFreshConnection() throws Exception {
        server.on("/old", exchange -> {
            exchange.getResponseHeaders().set("Location", "/new");
            respond(exchange, 302, null, new byte[0]);
        });
        server.on("/new", exchange -> respond(exchange, 200, "text/plain",
                "arrived".getBytes(StandardCharsets.UTF_8)));
        URI old = server.uri("/old");

        Observation followedJdk = jdk(get(old, true), "[BODY] == arrived");
        Observation followedJetty = jetty(get(old, true), "[BODY] == arrived");
        Observation notFollowedJdk = jdk(get(old, false));
        Observation notFollowedJetty = jetty(get(old, false));

        assertThat(Seen.of(followedJetty)).isEqualTo(Seen.of(followedJdk));
        assertThat(followedJetty.status()).isEqualTo(200);
        assertThat(followedJetty.body()).isEqualTo("arrived");
        assertThat(Seen.of(notFollowedJetty)).isEqualTo(Seen.of(notFollowedJdk));
        assertThat(notFollowedJetty.status()).isEqualTo(302);
        List<LocalHttpServer.Seen> viaJetty = server.requests.stream()
                .filter(r -> r.remoteAddress().equals(SOURCE)).toList();
        assertThat(viaJetty).extracting(LocalHttpServer.Seen::path)
                .containsExactly("/old", "/new", "/old");
        assertThat(viaJetty).extracting(LocalHttpServer.Seen::remotePort)
                .as("every hop and every check on a connection of its own").doesNotHaveDuplicates();
    }

    @Test
    void aPostRedirectedBy303BecomesAGetOnBothPaths() throws Exception {
        server.on("/form", exchange -> {
            exchange.getResponseHeaders().set("Location", "/done");
            respond(exchange, 303, null, new byte[0]);
        });
        server.on("/done", exchange -> respond(exchange, 200, null, new byte[0]));
        HttpSpec post = new HttpSpec(server.uri("/form"), "POST", Map.of(), "a=1", true, true);

        assertThat(Seen.of(jetty(post))).isEqualTo(Seen.of(jdk(post)));

        assertThat(server.requests).extracting(r -> r.method() + " " + r.path() + " " + r.body())
                .containsExactly("POST /form a=1", "GET /done ", "POST /form a=1", "GET /done ");
    }

    /**
     * Compared with the limit, not with the JDK path: against this test server (which closes each
     * connection without saying so in the response), the JDK client sometimes picks a closed
     * pooled connection for the fourth or fifth hop of a same-origin chain and reports it reset.
     */
    @Test
    void moreThanFiveRedirectsIsTheJdksProtocolError() throws Exception {
        server.on("/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/loop");
            respond(exchange, 302, null, new byte[0]);
        });

        Observation o = jetty(get(server.uri("/loop"), true));

        assertThat(o.error()).isEqualTo(new ProbeError(Reason.PROTOCOL, "too many redirects"));
        assertThat(o.connected()).isFalse();
        assertThat(server.requests).as("the request and five redirects")
                .hasSize(1 + Redirects.MAX);
    }

    @Test
    void a503KeepsItsBodyForMitigationRecognitionAndA200NoneWithoutACondition() throws Exception {
        server.on("/busy", exchange -> {
            exchange.getResponseHeaders().set("Server", "nginx");
            respond(exchange, 503, "text/html", ("<center><h1>503 Service Temporarily Unavailable"
                    + "</h1></center>").getBytes(StandardCharsets.UTF_8));
        });
        server.on("/fine", exchange -> respond(exchange, 200, "text/html",
                "<p>fine</p>".getBytes(StandardCharsets.UTF_8)));

        Observation busyJdk = jdk(HttpSpec.get(server.uri("/busy")));
        Observation busyJetty = jetty(HttpSpec.get(server.uri("/busy")));
        Observation fineJdk = jdk(HttpSpec.get(server.uri("/fine")));
        Observation fineJetty = jetty(HttpSpec.get(server.uri("/fine")));

        assertThat(Seen.of(busyJetty)).isEqualTo(Seen.of(busyJdk));
        assertThat(busyJetty.status()).isEqualTo(503);
        assertThat(busyJetty.body()).contains("503 Service Temporarily Unavailable");
        assertThat(busyJetty.headers()).containsEntry("server", "nginx");
        assertThat(Seen.of(fineJetty)).isEqualTo(Seen.of(fineJdk));
        assertThat(fineJetty.body()).as("no condition reads it, no mitigation answers 200").isNull();
    }

    @Test
    void aChallengePageIsKeptOnBothPathsAndJudgedMitigated() throws Exception {
        server.on("/", exchange -> {
            exchange.getResponseHeaders().set("Server", "cloudflare");
            exchange.getResponseHeaders().set("X-Shield-Action", "blocked");
            respond(exchange, 403, "text/html; charset=UTF-8",
                    "<!DOCTYPE html><html><head><title>Just a moment...</title>".getBytes(StandardCharsets.UTF_8));
        });
        Target plain = SourceTargets.from(SOURCE, HttpSpec.get(server.uri("/")), TIMEOUT, "[STATUS] == 200");
        Target own = new Target(plain.id(), plain.name(), plain.probe(), plain.interval(), plain.timeout(),
                plain.detection(), plain.labels(), plain.aliases(), plain.conditions(), plain.canary(),
                plain.vantage(), new Mitigation(true, Set.of(429), List.of(), List.of("x-shield-action: blocked")));
        Target ownOnJdk = new Target(own.id(), own.name(), own.probe(), own.interval(), own.timeout(),
                own.detection(), own.labels(), own.aliases(), own.conditions(), own.canary(),
                Vantage.DEFAULT, own.mitigation());

        Observation viaJdk = jdk(HttpSpec.get(server.uri("/")), "[STATUS] == 200");
        Observation viaJetty = jetty(HttpSpec.get(server.uri("/")), "[STATUS] == 200");
        Observation ownViaJetty = await(prober.probe(own));
        Observation ownViaJdk = await(prober.probe(ownOnJdk));

        assertThat(Seen.of(viaJetty)).isEqualTo(Seen.of(viaJdk));
        assertThat(viaJetty.body()).contains("Just a moment...");
        assertThat(Checker.judge(plain, viaJetty).mitigation()).isEqualTo("Cloudflare challenge page (403)");
        assertThat(Checker.judge(plain, viaJetty).outcome()).isEqualTo(Outcome.MITIGATED);
        assertThat(Seen.of(ownViaJetty)).isEqualTo(Seen.of(ownViaJdk));
        assertThat(ownViaJetty.headers()).containsEntry("x-shield-action", "blocked");
        assertThat(ownViaJetty.body()).as("403 is not among this target's statuses").isNull();
        assertThat(Checker.judge(own, ownViaJetty).mitigation()).isEqualTo("x-shield-action: blocked");
    }

    @Test
    void aChallengePageBodyIsCappedAt16KiB() throws Exception {
        byte[] big = new byte[HttpProber.MITIGATION_BODY_CAP + 4096];
        java.util.Arrays.fill(big, (byte) 'x');
        server.on("/", exchange -> respond(exchange, 403, "text/html", big));

        Observation viaJdk = jdk(HttpSpec.get(server.uri("/")));
        Observation viaJetty = jetty(HttpSpec.get(server.uri("/")));

        assertThat(Seen.of(viaJetty)).isEqualTo(Seen.of(viaJdk));
        assertThat(viaJetty.body()).hasSize(HttpProber.MITIGATION_BODY_CAP);
    }

    @Test
    void connectionRefusedIsTheSameConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpSpec spec = HttpSpec.get(URI.create("http://127.0.0.1:" + port + "/"));

        Observation viaJdk = jdk(spec);
        Observation viaJetty = jetty(spec);

        assertThat(Seen.of(viaJetty)).isEqualTo(Seen.of(viaJdk));
        assertThat(viaJetty.error()).isEqualTo(new ProbeError(Reason.CONNECT, "connection refused"));
        assertThat(viaJetty.connected()).isFalse();
        assertThat(viaJetty.ip()).isEqualTo("127.0.0.1");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndItsConnectionIsClosed() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Target target = SourceTargets.from(SOURCE, HttpSpec.get(silent.uri()), SHORT);
            CompletableFuture<Observation> future = prober.probe(target);
            try (Socket accepted = silent.accept(Duration.ofSeconds(30))) {

                Observation o = await(future);

                assertThat(o.error()).isEqualTo(new ProbeError(Reason.TIMEOUT, "no response within 3s"));
                assertThat(o.status()).isNull();
                assertThat(o.connected()).isFalse();
                assertThat(o.ip()).isEqualTo("127.0.0.1");
                assertThat(accepted.getInetAddress().getHostAddress()).isEqualTo(SOURCE);
                assertThat(SilentServer.closedByPeer(accepted))
                        .as("the abandoned connection is closed, not left open").isTrue();
            }
        }
    }

    /**
     * The server reads the request first: Jetty closes a connection that receives bytes before
     * it has sent a request (a server that talks first, say SSH on port 80, is then "connection
     * closed without a response", where the JDK path says "invalid response").
     */
    @Test
    void aMalformedResponseIsAProtocolError() throws Exception {
        try (SilentServer raw = new SilentServer()) {
            CompletableFuture<Observation> future = prober.probe(
                    SourceTargets.from(SOURCE, HttpSpec.get(raw.uri()), TIMEOUT));
            try (Socket s = raw.accept(Duration.ofSeconds(30))) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write("SSH-2.0-OpenSSH_9.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();

                Observation o = await(future);

                assertThat(o.error()).isEqualTo(new ProbeError(Reason.PROTOCOL, "invalid response: No Status"));
            }
        }
    }

    @Test
    void tlsGivesTheSameCertificateExpiryOrTheSameRefusal() throws Exception {
        int days = 30;
        try (LocalHttpServer https = LocalHttpServer.https(SelfSignedCertificate.serverContext(dir, days))) {
            https.on("/", exchange -> respond(exchange, 200, "text/plain",
                    "secure".getBytes(StandardCharsets.UTF_8)));
            HttpSpec trusting = new HttpSpec(https.uri("/"), "GET", Map.of(), null, true, false);
            HttpSpec verifying = new HttpSpec(https.uri("/"), "GET", Map.of(), null, true, true);

            Observation trustedJdk = jdk(trusting, "[BODY] == secure");
            Observation trustedJetty = jetty(trusting, "[BODY] == secure");
            Observation refusedJdk = jdk(verifying);
            Observation refusedJetty = jetty(verifying);

            assertThat(Seen.of(trustedJetty)).isEqualTo(Seen.of(trustedJdk));
            assertThat(trustedJetty.body()).isEqualTo("secure");
            assertThat(trustedJetty.certificateExpiry())
                    .isCloseTo(Instant.now().plus(days, ChronoUnit.DAYS), within(1, ChronoUnit.DAYS));
            assertThat(refusedJetty.error().reason()).isEqualTo(Reason.TLS);
            assertThat(refusedJetty.error().message()).startsWith("certificate not trusted: ");
            assertThat(Seen.of(refusedJetty)).isEqualTo(Seen.of(refusedJdk));
        }
    }

    @Test
    void sendsTheSameRequestAsTheJdkPath() throws Exception {
        server.on("/submit", exchange -> respond(exchange, 201, null, new byte[0]));
        HttpSpec spec = new HttpSpec(server.uri("/submit"), "POST",
                Map.of("X-Varde-Test", "yes", "Content-Type", "application/json"), "{\"ping\":1}",
                true, true);

        assertThat(Seen.of(jetty(spec))).isEqualTo(Seen.of(jdk(spec)));

        LocalHttpServer.Seen viaJdk = server.requests.get(0);
        LocalHttpServer.Seen viaJetty = server.requests.get(1);
        assertThat(viaJetty.method()).isEqualTo("POST");
        assertThat(viaJetty.body()).isEqualTo("{\"ping\":1}");
        assertThat(names(viaJetty)).isEqualTo(names(viaJdk));
        for (String name : names(viaJdk)) {
            assertThat(viaJetty.headers().get(name)).as(name).isEqualTo(viaJdk.headers().get(name));
        }
        assertThat(viaJetty.headers().getFirst("Connection")).isEqualTo("close");
        assertThat(viaJetty.headers().getFirst("User-Agent")).startsWith("Varde/");
    }

    @Test
    void aHeaderTheJdkRefusesIsRefusedAlike() throws Exception {
        HttpSpec spec = new HttpSpec(server.uri("/"), "GET", Map.of("Content-Length", "5"), null,
                true, true);

        Observation viaJetty = jetty(spec);

        assertThat(Seen.of(viaJetty)).isEqualTo(Seen.of(jdk(spec)));
        assertThat(viaJetty.error().message()).startsWith("invalid request: ");
        assertThat(server.requests).isEmpty();
    }

    private static Set<String> names(LocalHttpServer.Seen seen) {
        Set<String> names = new TreeSet<>();
        seen.headers().keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return names;
    }
}
