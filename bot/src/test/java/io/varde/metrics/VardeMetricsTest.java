package io.varde.metrics;

import static io.varde.testing.TestTargets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.IncidentState;
import io.varde.intel.IntelEvent;
import io.varde.web.MetricsRoute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code /metrics} shows: the golden list of names and labels, and the values of a small scenario. */
class VardeMetricsTest {

    /** Series that appear only once the JVM has collected garbage (and then depend on the collector). */
    private static final Pattern GC_EVENTS = Pattern.compile("jvm_gc_(pause|concurrent_phase_time)_seconds.*");

    private VardeMetrics metrics;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    static SortedSet<String> golden() throws IOException {
        try (InputStream in = VardeMetricsTest.class.getResourceAsStream("/metrics/golden.txt")) {
            SortedSet<String> out = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    private Scrape scenario() {
        metrics = MetricsScenario.fed();
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void theMetricNamesAndLabelKeysAreExactlyTheGoldenList() throws IOException {
        SortedSet<String> scraped = new TreeSet<>(scenario().shapes());
        scraped.removeIf(s -> GC_EVENTS.matcher(s).matches());
        SortedSet<String> golden = golden();

        SortedSet<String> missing = new TreeSet<>(golden);
        missing.removeAll(scraped);
        SortedSet<String> unexpected = new TreeSet<>(scraped);
        unexpected.removeAll(golden);
        assertThat(missing.isEmpty() && unexpected.isEmpty())
                .as("metrics changed; dashboards and alert rules read these names. Update "
                        + "bot/src/test/resources/metrics/golden.txt (and the README table) on purpose.%n"
                        + "  in golden.txt, not scraped: %s%n  scraped, not in golden.txt: %s", missing, unexpected)
                .isTrue();
        assertThat(List.copyOf(golden)).as("golden.txt is sorted").isSorted();
    }

    @Test
    void threeChecksOneTimingOutCountOutcomesReasonsAndLatency() {
        Scrape s = scenario();

        assertThat(s.value("varde_checks_total", "target", "portal", "outcome", "ok")).hasValue(2.0);
        assertThat(s.value("varde_checks_total", "target", "portal", "outcome", "fail")).hasValue(1.0);
        assertThat(s.value("varde_check_failures_total", "target", "portal", "reason", "timeout")).hasValue(1.0);
        assertThat(s.value("varde_check_failures_total", "target", "tax", "reason", "condition"))
                .as("a FAIL without a probe error failed a condition").hasValue(1.0);
        assertThat(s.value("varde_check_duration_seconds_count", "sector", "government")).hasValue(4.0);
        assertThat(s.value("varde_check_duration_seconds_sum", "sector", "government")).hasValue(5.9);
        assertThat(s.value("varde_check_duration_seconds_bucket", "sector", "government", "le", "0.1")).hasValue(1.0);
        assertThat(s.value("varde_check_duration_seconds_bucket", "sector", "government", "le", "1.0")).hasValue(3.0);
        assertThat(s.value("varde_check_duration_seconds_bucket", "sector", "government", "le", "5.0")).hasValue(4.0);
        assertThat(s.value("varde_target_latency_seconds", "target", "portal", "sector", "government"))
                .as("the last check's").hasValue(5.0);
        assertThat(s.value("varde_target_latency_seconds", "target", "tax", "sector", "government")).hasValue(0.12);
    }

    @Test
    void targetUpIsOneHalfZeroOrNanByState() {
        Scrape s = scenario();

        assertThat(s.value("varde_target_up", "target", "portal", "sector", "government")).hasValue(0.0);
        assertThat(s.value("varde_target_up", "target", "tax", "sector", "government")).get()
                .as("not checked yet").matches(v -> v.isNaN());
    }

    @Test
    void incidentsNotificationsAndIntelAreCountedByTheirLabels() {
        MetricsScenario scenario = new MetricsScenario();
        metrics = scenario.feed(new VardeMetrics(Clock.fixed(T0, ZoneOffset.UTC)));
        Scrape s = Scrape.parse(metrics.scrape());

        assertThat(s.value("varde_incidents", "kind", "outage", "state", "open")).hasValue(2.0);
        assertThat(s.value("varde_incidents", "kind", "outage", "state", "acknowledged")).hasValue(1.0);
        assertThat(s.value("varde_incidents", "kind", "tasked", "state", "open")).hasValue(1.0);
        assertThat(s.value("varde_incidents", "kind", "campaign", "state", "open")).hasValue(0.0);
        assertThat(s.value("varde_notifications_queued")).hasValue(7.0);
        assertThat(s.value("varde_notifications_sent_total", "channel_type", "slack")).hasValue(2.0);
        assertThat(s.value("varde_notifications_failed_total", "channel_type", "webhook", "kind", "transient"))
                .hasValue(1.0);
        assertThat(s.value("varde_notifications_failed_total", "channel_type", "webhook", "kind", "permanent"))
                .hasValue(1.0);
        assertThat(s.value("varde_rate_limit_waits_total", "channel_type", "slack")).hasValue(2.0);
        assertThat(s.value("varde_rate_limit_wait_seconds_total", "channel_type", "slack")).hasValue(1.25);
        assertThat(s.value("varde_claims_total", "source", "feed")).hasValue(1.0);
        assertThat(s.value("varde_tasked_targets")).hasValue(2.0);
        assertThat(scenario.passedOn).as("intel events still reach correlation, in order")
                .hasSize(2).first().isInstanceOf(IntelEvent.ClaimSeen.class);
    }

    @Test
    void aTaskListThatNoLongerTasksAnyoneEmptiesTheTaskedGauge() {
        metrics = MetricsScenario.fed();
        metrics.intel(e -> { }).accept(new IntelEvent.TaskingChanged(T0, "ddosia", List.of(),
                List.of("portal", "tax"), List.of()));

        assertThat(Scrape.parse(metrics.scrape()).value("varde_tasked_targets")).hasValue(0.0);
    }

    @Test
    void scrapingOftenReadsTheIncidentsOnceWhileTheCacheHolds() {
        metrics = new VardeMetrics(Clock.fixed(T0, ZoneOffset.UTC));
        AtomicInteger reads = new AtomicInteger();
        metrics.incidents(() -> {
            reads.incrementAndGet();
            return List.<Incident>of(MetricsScenario.incident(1, IncidentKind.CONNECTIVITY, IncidentState.OPEN));
        });

        for (int i = 0; i < 5; i++) {
            assertThat(Scrape.parse(metrics.scrape()).value("varde_incidents", "kind", "connectivity",
                    "state", "open")).hasValue(1.0);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void whatTheBuffersDroppedIsCountedPerBuffer() {
        Scrape s = scenario();

        assertThat(s.value("varde_dropped_total", "buffer", "history")).hasValue(3.0);
        assertThat(s.value("varde_dropped_total", "buffer", "events")).hasValue(0.0);
    }

    @Test
    void theScrapeIsInTheFormatItsContentTypeNames() {
        metrics = MetricsScenario.fed();

        assertThat(VardeMetrics.CONTENT_TYPE).isEqualTo("text/plain; version=0.0.4; charset=utf-8")
                .as("the route that serves it says the same").isEqualTo(MetricsRoute.CONTENT_TYPE);
        assertThat(metrics.scrape()).contains("# TYPE varde_checks_total counter")
                .contains("# TYPE varde_check_duration_seconds histogram");
    }
}
