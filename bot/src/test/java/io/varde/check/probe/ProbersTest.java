package io.varde.check.probe;

import io.varde.testing.TestTargets;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DnsSpec;
import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import io.varde.check.TcpSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Probers probers = new Probers();

    @AfterEach
    void tearDown() {
        probers.close();
    }

    @Test
    void routesEachKindToItsProber() throws Exception {
        try (LocalHttpServer http = LocalHttpServer.http();
             ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FakeDnsServer dns = FakeDnsServer.answering(
                     Map.of("www.example.test.", new String[] {"192.0.2.10"}))) {
            http.on("/", exchange -> LocalHttpServer.respond(exchange, 200, "text/plain",
                    "ok".getBytes(StandardCharsets.UTF_8)));

            Observation web = probers.probe(TestTargets.probing(http.uri("/"), TIMEOUT))
                    .get(30, TimeUnit.SECONDS);
            Observation port = probers.probe(TestTargets.probing(
                    new TcpSpec("127.0.0.1", tcp.getLocalPort()), TIMEOUT))
                    .get(30, TimeUnit.SECONDS);
            Observation name = probers.probe(TestTargets.probing(
                    new DnsSpec("www.example.test", "A", dns.address()), TIMEOUT))
                    .get(30, TimeUnit.SECONDS);

            assertThat(web.status()).isEqualTo(200);
            assertThat(port.connected()).isTrue();
            assertThat(port.status()).isNull();
            assertThat(name.dnsRcode()).isEqualTo("NOERROR");
        }
    }

    @Test
    void returnsAtOnceAndCompletesWithTimeoutAgainstASilentServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {

            CompletableFuture<Observation> future = probers.probe(
                    TestTargets.probing(silent.uri(), Duration.ofSeconds(1)));

            assertThat(future.isDone()).as("probe() must not wait for the network").isFalse();
            Observation o = future.get(30, TimeUnit.SECONDS);
            assertThat(o.error().reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(o.error().message()).isEqualTo("no response within 1s");
        }
    }

    @Test
    void probesAfterCloseCompleteWithAnErrorInsteadOfHanging() throws Exception {
        probers.close();

        Observation o = probers.probe(TestTargets.probing(new TcpSpec("127.0.0.1", 9), TIMEOUT))
                .get(30, TimeUnit.SECONDS);

        assertThat(o.error().reason()).isEqualTo(Reason.OTHER);
        assertThat(o.error().message()).isEqualTo("prober is closed");
    }
}
