package io.varde.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import io.varde.check.ProbeSpec;
import io.varde.check.TcpSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Probes leave from the target's source address: one host, several places (on Linux all of
 * 127/8 is local, so 127.0.0.2 and 127.0.0.3 are two of them), seen by servers on 127.0.0.1.
 */
class SourceAddressTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Probers probers = new Probers();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        probers.close();
    }

    private Observation probe(String source, ProbeSpec spec) throws Exception {
        return probers.probe(SourceTargets.from(source, spec, TIMEOUT)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void httpLeavesFromEachTargetsAddress() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.http()) {
            server.on("/", exchange -> LocalHttpServer.respond(exchange, 200, "text/plain",
                    "ok".getBytes(StandardCharsets.UTF_8)));
            HttpSpec spec = HttpSpec.get(server.uri("/"));

            Observation two = probe("127.0.0.2", spec);
            Observation three = probe("127.0.0.3", spec);
            Observation system = probe(null, spec);

            assertThat(two.status()).isEqualTo(200);
            assertThat(three.status()).isEqualTo(200);
            assertThat(system.status()).isEqualTo(200);
            assertThat(server.requests).extracting(LocalHttpServer.Seen::remoteAddress)
                    .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.1");
        }
    }

    @Test
    void httpsLeavesFromTheSourceAddressAndReportsTheCertificate() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.https(
                SelfSignedCertificate.serverContext(dir, 30))) {
            server.on("/", exchange -> LocalHttpServer.respond(exchange, 200, "text/plain",
                    "secure".getBytes(StandardCharsets.UTF_8)));

            Observation o = probe("127.0.0.3", new HttpSpec(server.uri("/"), "GET", Map.of(), null,
                    true, false));

            assertThat(o.error()).isNull();
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.certificateExpiry()).isNotNull();
            assertThat(server.requests).extracting(LocalHttpServer.Seen::remoteAddress)
                    .containsExactly("127.0.0.3");
        }
    }

    @Test
    void tcpLeavesFromTheSourceAddress() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(30_000);
            TcpSpec spec = new TcpSpec("127.0.0.1", listening.getLocalPort());

            Observation two = probe("127.0.0.2", spec);
            String firstSeen;
            try (Socket accepted = listening.accept()) {
                firstSeen = accepted.getInetAddress().getHostAddress();
            }
            Observation three = probe("127.0.0.3", spec);
            String secondSeen;
            try (Socket accepted = listening.accept()) {
                secondSeen = accepted.getInetAddress().getHostAddress();
            }

            assertThat(two.connected()).isTrue();
            assertThat(three.connected()).isTrue();
            assertThat(firstSeen).isEqualTo("127.0.0.2");
            assertThat(secondSeen).isEqualTo("127.0.0.3");
        }
    }

    @Test
    void dnsQueriesLeaveFromTheSourceAddress() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.answering(
                Map.of("www.example.test.", new String[] {"192.0.2.10"}))) {
            DnsSpec spec = new DnsSpec("www.example.test", "A", dns.address());

            Observation two = probe("127.0.0.2", spec);
            Observation three = probe("127.0.0.3", spec);

            assertThat(two.ip()).isEqualTo("192.0.2.10");
            assertThat(three.dnsRcode()).isEqualTo("NOERROR");
            assertThat(dns.clients).containsExactly("127.0.0.2", "127.0.0.3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "dns"})
    void anAddressThatIsNotThisMachinesIsAConnectError(String kind) throws Exception {
        // 192.0.2.0/24 is TEST-NET-1: documentation only, never an address of this machine.
        Observation o = probe("192.0.2.1", spec(kind));

        assertThat(o.error().reason()).isEqualTo(Reason.CONNECT);
        assertThat(o.error().message()).startsWith("cannot bind source address 192.0.2.1: ");
        assertThat(o.connected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "dns"})
    void aSourceAddressThatIsNoIpAddressIsAConnectErrorWithoutALookUp(String kind) throws Exception {
        Observation o = probe("probe.example.test", spec(kind));

        assertThat(o.error().reason()).isEqualTo(Reason.CONNECT);
        assertThat(o.error().message())
                .isEqualTo("cannot bind source address probe.example.test: not an IP address");
    }

    /** A spec of {@code kind} whose server would answer, were the source address usable. */
    private static ProbeSpec spec(String kind) {
        return switch (kind) {
            case "http" -> HttpSpec.get(java.net.URI.create("http://127.0.0.1:9/"));
            case "tcp" -> new TcpSpec("127.0.0.1", 9);
            default -> new DnsSpec("www.example.test", "A", "127.0.0.1:9");
        };
    }
}
