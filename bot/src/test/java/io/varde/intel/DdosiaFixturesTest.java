package io.varde.intel;

import static io.varde.intel.TargetIndexTest.http;
import static io.varde.intel.TargetIndexTest.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.check.DnsSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real DDoSia task lists (copied unchanged from the shared fixtures) read without surprises. */
class DdosiaFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Danish setup: host names are data only, nothing is resolved or contacted. */
    private static final TargetIndex DANISH = TargetIndex.of(List.of(
            target("trm", http("https://www.trm.dk/")),
            target("aarhus", http("https://aarhus.dk/")),
            target("skat", http("https://www.skat.dk/"), "toldst.dk"),
            target("cert", http("https://cert.dk/")),
            target("borger", new DnsSpec("borger.dk", "A", null))));

    @Test
    void everyHostAndIpFieldOfEveryListIsReadOrRefusedWithAReason() throws Exception {
        List<Path> files = fixtures();
        assertThat(files).hasSize(5);
        int fields = 0;
        for (Path file : files) {
            for (JsonNode row : JSON.readTree(file.toFile()).path("targets")) {
                for (String field : List.of("host", "ip")) {
                    String raw = row.path(field).isNull() ? null : row.path(field).asText(null);
                    assertThatCode(() -> check(HostNames.normalise(raw)))
                            .as("%s %s=%s", file.getFileName(), field, raw)
                            .doesNotThrowAnyException();
                    fields++;
                }
            }
        }
        assertThat(fields).isEqualTo(2 * (195 + 176 + 353 + 438 + 226));
    }

    @ParameterizedTest(name = "{0}: {1} hosts, hits {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-09-11_14-05-08|21|cert
            2024-12-10_07-10-03|18|skat
            2025-10-02_11-10-35|29|aarhus,trm
            2025-10-03_07-10-31|35|aarhus,trm
            2025-11-05_12-05-11|21|''
            """)
    void eachListReadsItsHostsAndHitsTheDanishTargetsItNames(String snapshot, int hosts,
                                                            String hits) throws Exception {
        List<HostReading> readings = hosts(snapshot).stream().map(HostNames::normalise).toList();

        assertThat(readings).allSatisfy(r -> assertThat(r).isInstanceOf(HostReading.Read.class));
        Set<String> distinct = readings.stream()
                .map(r -> ((HostReading.Read) r).host().host()).collect(Collectors.toSet());
        assertThat(distinct).hasSize(hosts);
        Set<String> hit = new TreeSet<>();
        readings.forEach(r -> DANISH.matches(((HostReading.Read) r).host())
                .forEach(m -> hit.add(m.target().id())));
        assertThat(String.join(",", hit)).isEqualTo(hits);
    }

    @Test
    void malformedHostsInTheOldListAreReadAndSaySo() throws Exception {
        Map<String, HostReading> byRaw = new TreeMap<>();
        hosts("2023-09-11_14-05-08").forEach(h -> byRaw.put(h, HostNames.normalise(h)));

        assertThat(byRaw.get("www.cert.dk/www.cert.dk")).isEqualTo(new HostReading.Read(
                "www.cert.dk/www.cert.dk", TargetIndexTest.host("www.cert.dk"),
                List.of(Fix.REPEATED_HOST)));
        assertThat(byRaw.values().stream().filter(r -> ((HostReading.Read) r).fixes()
                .contains(Fix.REPEATED_HOST))).hasSize(11);
    }

    private static void check(HostReading reading) {
        if (reading instanceof HostReading.Refused refused) {
            assertThat(refused.reason()).isNotBlank();
        } else {
            assertThat(((HostReading.Read) reading).host().host()).isNotBlank();
        }
    }

    private static Set<String> hosts(String snapshot) throws IOException, URISyntaxException {
        Path file = fixtures().stream()
                .filter(p -> p.getFileName().toString().startsWith(snapshot)).findFirst()
                .orElseThrow();
        Set<String> hosts = new TreeSet<>();
        JSON.readTree(file.toFile()).path("targets").forEach(row -> hosts.add(row.path("host").asText()));
        return hosts;
    }

    private static List<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(DdosiaFixturesTest.class.getResource("/ddosia").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
    }
}
