package io.varde.check.probe;

import io.varde.testing.TestTargets;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DnsSpec;
import io.varde.check.Observation;
import io.varde.check.ProbeError.Reason;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ProbeExecutors executors = new ProbeExecutors();
    private final DnsProber prober = new DnsProber(executors);

    @AfterEach
    void tearDown() {
        executors.close();
    }

    private Observation probe(DnsSpec spec, Duration timeout) throws Exception {
        return prober.probe(TestTargets.probing(spec, timeout)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void reportsTheAnswerRcodeAndFirstAddress() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.answering(
                Map.of("www.example.test.", new String[] {"192.0.2.10", "192.0.2.11"}))) {

            Observation o = probe(new DnsSpec("www.example.test", "A", dns.address()), TIMEOUT);

            assertThat(o.error()).isNull();
            assertThat(o.dnsRcode()).isEqualTo("NOERROR");
            assertThat(o.connected()).isTrue();
            assertThat(o.ip()).isEqualTo("192.0.2.10");
            assertThat(o.body()).isEqualTo("192.0.2.10\n192.0.2.11");
        }
    }

    @Test
    void reportsNxdomainForAnUnknownNameAsAnAnswer() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.answering(Map.of())) {

            Observation o = probe(new DnsSpec("nowhere.example.test", "A", dns.address()),
                    TIMEOUT);

            assertThat(o.error()).isNull();
            assertThat(o.dnsRcode()).isEqualTo("NXDOMAIN");
            assertThat(o.connected()).isTrue();
            assertThat(o.ip()).isNull();
            assertThat(o.body()).isEmpty();
        }
    }

    @Test
    void timesOutWhenTheServerNeverAnswers() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.silent()) {

            Observation o = probe(new DnsSpec("www.example.test", "A", dns.address()),
                    Duration.ofMillis(500));

            assertThat(o.error().reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(o.error().message()).isEqualTo("no answer within 500ms");
            assertThat(o.connected()).isFalse();
            assertThat(o.dnsRcode()).isNull();
        }
    }

    @Test
    void reportsAnUnknownRecordTypeWithoutThrowing() throws Exception {
        Observation o = probe(new DnsSpec("www.example.test", "NOPE", "127.0.0.1:53"), TIMEOUT);

        assertThat(o.error().reason()).isEqualTo(Reason.OTHER);
        assertThat(o.error().message()).isEqualTo("invalid query: unknown record type NOPE");
    }
}
