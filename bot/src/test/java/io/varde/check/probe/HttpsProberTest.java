package io.varde.check.probe;

import io.varde.check.HttpSpec;
import io.varde.testing.TestTargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsProberTest {

    private static final int VALID_DAYS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static LocalHttpServer server;

    private final ProbeExecutors executors = new ProbeExecutors();
    private final HttpProber prober = new HttpProber(executors);

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalHttpServer.https(SelfSignedCertificate.serverContext(dir, VALID_DAYS))
                .on("/", exchange -> LocalHttpServer.respond(exchange, 200, "text/plain",
                        "secure".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeProber() {
        executors.close();
    }

    private Observation probe(URI url, boolean verifyTls) throws Exception {
        return prober.probe(TestTargets.probing(new HttpSpec(url, "GET", Map.of(), null,
                true, verifyTls), TIMEOUT), true).get(60, TimeUnit.SECONDS);
    }

    @Test
    void rejectsAnUntrustedCertificateWhenVerifying() throws Exception {
        Observation o = probe(server.uri("/"), true);

        assertThat(o.error().reason()).isEqualTo(Reason.TLS);
        assertThat(o.error().message()).startsWith("certificate not trusted: ");
        assertThat(o.status()).isNull();
    }

    @Test
    void acceptsAnyCertificateAndReportsItsExpiryWhenNotVerifying() throws Exception {
        Instant expected = Instant.now().plus(VALID_DAYS, ChronoUnit.DAYS);

        Observation o = probe(server.uri("/"), false);

        assertThat(o.error()).isNull();
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body()).isEqualTo("secure");
        assertThat(o.certificateExpiry()).isCloseTo(expected, within(1, ChronoUnit.DAYS));
    }
}
