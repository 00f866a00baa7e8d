package io.varde.check.probe;

import io.varde.testing.TestTargets;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import io.varde.check.TcpSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ProbeExecutors executors = new ProbeExecutors();
    private final TcpProber prober = new TcpProber(executors);

    @AfterEach
    void tearDown() {
        executors.close();
    }

    private Observation probe(int port) throws Exception {
        return prober.probe(TestTargets.probing(new TcpSpec("127.0.0.1", port), TIMEOUT))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void connectsToAListeningPort() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {

            Observation o = probe(listening.getLocalPort());

            assertThat(o.error()).isNull();
            assertThat(o.connected()).isTrue();
            assertThat(o.ip()).isEqualTo("127.0.0.1");
            assertThat(o.responseTime()).isPositive();
        }
    }

    @Test
    void reportsConnectionRefusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Observation o = probe(port);

        assertThat(o.error().reason()).isEqualTo(Reason.CONNECT);
        assertThat(o.error().message()).isEqualTo("connection refused");
        assertThat(o.connected()).isFalse();
        assertThat(o.ip()).isEqualTo("127.0.0.1");
    }

    @Test
    void reportsAnInvalidPortWithoutThrowing() throws Exception {
        Observation o = probe(70_000);

        assertThat(o.error().reason()).isEqualTo(Reason.OTHER);
        assertThat(o.connected()).isFalse();
    }
}
