package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.ProbeSpec;
import io.varde.check.Target;
import io.varde.check.TcpSpec;
import io.varde.core.Labels;
import io.varde.intel.Match.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host names here are data only: nothing is resolved or contacted. */
class TargetIndexTest {

    static final List<Target> TARGETS = List.of(
            target("skat", http("https://www.skat.dk/")),
            target("toldst", http("https://toldst.dk/"), "www.toldst.dk", "told.dk"),
            target("aarhus", http("https://aarhus.dk/")),
            target("kk", http("https://www.kk.dk/"), "kobenhavn.dk"),
            target("trm-www", http("https://www.trm.dk/")),
            target("trm-mail", new TcpSpec("mail.trm.dk", 25)),
            target("borger-dns", new DnsSpec("borger.dk", "A", null)),
            target("council", http("https://alnwick-tc.gov.uk/")),
            target("edge", new TcpSpec("198.51.100.7", 443)),
            target("v6", http("https://[2001:db8::20]/")));

    static final TargetIndex INDEX = TargetIndex.of(TARGETS, Map.of(
            "aarhus", Set.of("192.0.2.10", "2001:0DB8:0:0:0:0:0:10"),
            "kk", Set.of("192.0.2.11", "not an ip"),
            "unknown-target", Set.of("192.0.2.99")));

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            exact host with www|www.skat.dk|skat:HOST
            host ignoring www on the claim|skat.dk|skat:HOST
            host ignoring www on the target|www.aarhus.dk|aarhus:HOST
            host of a TCP target|mail.trm.dk|trm-mail:HOST,trm-www:REGISTRABLE_DOMAIN
            host of a DNS target|borger.dk|borger-dns:HOST
            IP host of a TCP target|198.51.100.7|edge:HOST
            IPv6 host of an HTTP target|2001:db8:0::20|v6:HOST
            alias|told.dk|toldst:ALIAS
            alias ignoring www|www.kobenhavn.dk|kk:ALIAS
            registrable domain of the host|selvbetjening.skat.dk|skat:REGISTRABLE_DOMAIN
            registrable domain of an alias|webmail.told.dk|toldst:REGISTRABLE_DOMAIN
            registrable domain under gov.uk|www.alnwick-tc.gov.uk|council:HOST
            other council under gov.uk|www.devon.gov.uk|-
            kk.dk does not hit aarhus.dk|kk.dk|kk:HOST
            resolved IPv4|192.0.2.10|aarhus:IP
            resolved IPv6 written differently|2001:db8::10|aarhus:IP
            resolved IP of an unknown target ignored|192.0.2.99|-
            priority and each target once|toldst.dk|toldst:HOST
            same reason, then by id|intranet.trm.dk|trm-mail:REGISTRABLE_DOMAIN,trm-www:REGISTRABLE_DOMAIN
            bare domain hits the www host first|trm.dk|trm-www:HOST,trm-mail:REGISTRABLE_DOMAIN
            host wins over domain across targets|www.trm.dk|trm-www:HOST,trm-mail:REGISTRABLE_DOMAIN
            public suffix only|dk|-
            public suffix only under uk|gov.uk|-
            look-alike suffix|aarhus.dk.example.com|-
            unrelated host|www.politi.dk|-
            unknown IP|203.0.113.5|-
            """)
    void matchesTargetsWithTheirStrongestReason(String name, String claim, String expected) {
        List<Match> matches = INDEX.matches(host(claim));

        assertThat(matches).extracting(m -> m.target().id() + ":" + m.reason())
                .containsExactlyElementsOf(expected == null ? List.of()
                        : Arrays.asList(expected.split(",")));
    }

    @Test
    void eachMatchSaysWhy() {
        assertThat(detail("www.skat.dk")).isEqualTo("same host www.skat.dk");
        assertThat(detail("skat.dk")).isEqualTo("same host www.skat.dk, ignoring www.");
        assertThat(detail("told.dk")).isEqualTo("alias told.dk");
        assertThat(detail("selvbetjening.skat.dk")).isEqualTo("same registrable domain skat.dk");
        assertThat(detail("192.0.2.11")).isEqualTo("resolves to 192.0.2.11");
    }

    @Test
    void anIndexWithoutIpsMatchesNoIp() {
        TargetIndex index = TargetIndex.of(TARGETS);

        assertThat(index.matches(host("192.0.2.10"))).isEmpty();
        assertThat(index.matches(host("www.skat.dk"))).hasSize(1);
    }

    @Test
    void targetsWithUnreadableAliasesAreStillIndexedByTheirHost() {
        TargetIndex index = TargetIndex.of(List.of(
                target("odd", http("https://www.odense.dk/"), "not a host", "")));

        assertThat(index.matches(host("odense.dk"))).extracting(Match::reason)
                .containsExactly(Reason.HOST);
    }

    @Test
    void theIndexIsASnapshot() {
        List<Target> targets = new ArrayList<>(List.of(target("skat", http("https://skat.dk/"))));
        TargetIndex index = TargetIndex.of(targets);

        targets.clear();

        assertThat(index.matches(host("skat.dk"))).hasSize(1);
    }

    private static String detail(String claim) {
        List<Match> matches = INDEX.matches(host(claim));
        assertThat(matches).hasSize(1);
        return matches.get(0).detail();
    }

    static HostName host(String raw) {
        HostReading reading = HostNames.normalise(raw);
        assertThat(reading).isInstanceOf(HostReading.Read.class);
        return ((HostReading.Read) reading).host();
    }

    static HttpSpec http(String url) {
        return HttpSpec.get(URI.create(url));
    }

    static Target target(String id, ProbeSpec probe, String... aliases) {
        return new Target(id, id, probe, Duration.ofSeconds(30), Duration.ofSeconds(5),
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(aliases), List.of(), false);
    }
}
