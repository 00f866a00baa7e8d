package io.varde.check.probe;

import io.varde.check.HttpSpec;
import io.varde.testing.TestTargets;

import static io.varde.check.probe.LocalHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import io.varde.check.Target;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Short, yet long enough for a cold JVM on a busy machine to get a connection out. */
    private static final Duration SHORT = Duration.ofSeconds(3);

    private final ProbeExecutors executors = new ProbeExecutors();
    private final HttpProber prober = new HttpProber(executors);
    private final LocalHttpServer server = LocalHttpServer.http();

    @AfterEach
    void tearDown() {
        server.close();
        executors.close();
    }

    private static Observation await(java.util.concurrent.CompletableFuture<Observation> f)
            throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void reportsStatusIpAndAResponseTimeCoveringTheServersDelay() throws Exception {
        server.on("/", exchange -> {
            sleep(300);
            respond(exchange, 418, "text/plain", "teapot".getBytes(StandardCharsets.UTF_8));
        });

        Observation o = await(prober.probe(TestTargets.probing(server.uri("/"), TIMEOUT)));

        assertThat(o.error()).isNull();
        assertThat(o.status()).isEqualTo(418);
        assertThat(o.connected()).isTrue();
        assertThat(o.ip()).isEqualTo("127.0.0.1");
        assertThat(o.responseTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(o.body()).as("body not kept when no condition needs it").isNull();
        assertThat(o.certificateExpiry()).isNull();
    }

    @Test
    void sendsMethodHeadersBodyAndTheDefaultUserAgent() throws Exception {
        server.on("/submit", exchange -> respond(exchange, 201, null, new byte[0]));
        Target target = TestTargets.probing(new HttpSpec(server.uri("/submit"), "POST",
                Map.of("X-Varde-Test", "yes", "Content-Type", "application/json"),
                "{\"ping\":1}", true, true), TIMEOUT);

        Observation o = await(prober.probe(target));

        assertThat(o.status()).isEqualTo(201);
        LocalHttpServer.Seen seen = server.requests.get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.body()).isEqualTo("{\"ping\":1}");
        assertThat(seen.headers().getFirst("X-Varde-Test")).isEqualTo("yes");
        assertThat(seen.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(seen.headers().getFirst("User-Agent"))
                .startsWith("Varde/").endsWith(" (health check)");
        assertThat(seen.headers().getFirst("Connection")).isEqualTo("close");
    }

    @Test
    void aConfiguredUserAgentAndHostHeaderAreSentAsGiven() throws Exception {
        server.on("/", exchange -> respond(exchange, 200, null, new byte[0]));
        Target target = TestTargets.probing(new HttpSpec(server.uri("/"), "GET",
                Map.of("User-Agent", "curl/8.0", "Host", "www.example.test"), null, true, true),
                TIMEOUT);

        assertThat(await(prober.probe(target)).status()).isEqualTo(200);

        LocalHttpServer.Seen seen = server.requests.get(0);
        assertThat(seen.headers().get("User-Agent")).containsExactly("curl/8.0");
        assertThat(seen.headers().getFirst("Host")).isEqualTo("www.example.test");
    }

    @Test
    void keepsTheBodyWhenNeededDecodedByItsCharset() throws Exception {
        server.on("/", exchange -> respond(exchange, 200, "text/plain; charset=ISO-8859-1",
                "café crème".getBytes(StandardCharsets.ISO_8859_1)));

        Observation o = await(prober.probe(TestTargets.probing(server.uri("/"), TIMEOUT), true));

        assertThat(o.body()).isEqualTo("café crème");
    }

    @Test
    void keepsOnlyTheFirstMebibyteButReadsTheWholeBody() throws Exception {
        byte[] big = new byte[HttpProber.BODY_CAP + 512 * 1024];
        Arrays.fill(big, (byte) 'a');
        big[HttpProber.BODY_CAP - 1] = 'z';
        server.on("/", exchange -> respond(exchange, 200, "text/plain", big));

        Observation o = await(prober.probe(TestTargets.probing(server.uri("/"), TIMEOUT), true));

        assertThat(o.error()).isNull();
        assertThat(o.body()).hasSize(HttpProber.BODY_CAP).endsWith("az");
    }

    @Test
    void followsRedirectsWhenAskedAndReportsThemOtherwise() throws Exception {
        server.on("/old", exchange -> {
            exchange.getResponseHeaders().set("Location", "/new");
            respond(exchange, 302, null, new byte[0]);
        });
        server.on("/new", exchange -> respond(exchange, 200, "text/plain",
                "arrived".getBytes(StandardCharsets.UTF_8)));
        URI old = server.uri("/old");

        Observation followed = await(prober.probe(TestTargets.probing(
                new HttpSpec(old, "GET", Map.of(), null, true, true), TIMEOUT), true));
        Observation notFollowed = await(prober.probe(TestTargets.probing(
                new HttpSpec(old, "GET", Map.of(), null, false, true), TIMEOUT), true));

        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("arrived");
        assertThat(notFollowed.status()).isEqualTo(302);
    }

    @Test
    void opensAFreshConnectionForEveryCheck() throws Exception {
        server.on("/", exchange -> respond(exchange, 200, "text/plain",
                "ok".getBytes(StandardCharsets.UTF_8)));
        Target target = TestTargets.probing(server.uri("/"), TIMEOUT);

        await(prober.probe(target));
        await(prober.probe(target));

        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(0).remotePort())
                .as("two checks, two TCP connections")
                .isNotEqualTo(server.requests.get(1).remotePort());
    }

    @Test
    void timesOutAgainstAServerThatNeverAnswersAndClosesTheConnection() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            var future = prober.probe(TestTargets.probing(silent.uri(), SHORT));
            try (Socket accepted = silent.accept(Duration.ofSeconds(30))) {

                Observation o = await(future);

                assertThat(o.error().reason()).isEqualTo(Reason.TIMEOUT);
                assertThat(o.error().message()).isEqualTo("no response within 3s");
                assertThat(o.status()).isNull();
                assertThat(o.ip()).isEqualTo("127.0.0.1");
                assertThat(SilentServer.closedByPeer(accepted))
                        .as("the abandoned connection is closed, not left open").isTrue();
            }
        }
    }

    @Test
    void timesOutWhenTheBodyStallsAndKeepsTheStatusSeen() throws Exception {
        try (SilentServer raw = new SilentServer()) {
            var future = prober.probe(TestTargets.probing(raw.uri(), SHORT), true);
            try (Socket s = raw.accept(Duration.ofSeconds(30))) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                        + "partial").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();

                Observation o = await(future);

                assertThat(o.error().reason()).isEqualTo(Reason.TIMEOUT);
                assertThat(o.error().message())
                        .isEqualTo("response body not complete within 3s");
                assertThat(o.status()).isEqualTo(200);
                assertThat(o.connected()).isTrue();
            }
        }
    }

    @Test
    void reportsConnectionRefusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Observation o = await(prober.probe(TestTargets.probing(
                URI.create("http://127.0.0.1:" + port + "/"), TIMEOUT)));

        assertThat(o.error().reason()).isEqualTo(Reason.CONNECT);
        assertThat(o.error().message()).isEqualTo("connection refused");
        assertThat(o.connected()).isFalse();
        assertThat(o.ip()).isEqualTo("127.0.0.1");
    }

    @Test
    void reportsAMalformedResponseAsAProtocolError() throws Exception {
        try (SilentServer raw = new SilentServer()) {
            var future = prober.probe(TestTargets.probing(raw.uri(), TIMEOUT));
            try (Socket s = raw.accept(Duration.ofSeconds(30))) {
                s.getOutputStream().write("SSH-2.0-OpenSSH_9.0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();

                Observation o = await(future);

                assertThat(o.error().reason()).isEqualTo(Reason.PROTOCOL);
                assertThat(o.error().message()).startsWith("invalid response: ");
            }
        }
    }

    @Test
    void reportsAConnectionClosedWithoutAResponse() throws Exception {
        try (SilentServer raw = new SilentServer()) {
            var future = prober.probe(TestTargets.probing(raw.uri(), TIMEOUT));
            // The JDK retries an idempotent request once on a connection closed before any byte
            // of response: close every connection until the probe is over.
            while (!future.isDone()) {
                try (Socket s = raw.accept(Duration.ofMillis(200))) {
                    s.getInputStream().read(new byte[512]);
                } catch (java.net.SocketTimeoutException e) {
                    // no new connection yet
                }
            }

            Observation o = await(future);

            assertThat(o.error().reason()).isEqualTo(Reason.CONNECT);
            assertThat(o.error().message()).isEqualTo("connection closed without a response");
        }
    }

    @Test
    void reportsAnUnacceptableRequestWithoutThrowing() throws Exception {
        Target target = TestTargets.probing(new HttpSpec(server.uri("/"), "GET",
                Map.of("Content-Length", "5"), null, true, true), TIMEOUT);

        Observation o = await(prober.probe(target));

        assertThat(o.error().reason()).isEqualTo(Reason.OTHER);
        assertThat(o.error().message()).startsWith("invalid request: ");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease(LocalHttpServer server) throws IOException {
        try {
            server.release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
