package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.detect.StoredReport;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcReportStore} must do, on H2 and on PostgreSQL. */
class ReportStoreTest extends OnBothDatabases {

    JdbcReportStore store;

    @BeforeEach
    void emptyDatabase() {
        TestDatabases.clean(db());
        store = new JdbcReportStore(db());
    }

    static Target target(String id) {
        return new Target(id, id, HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)), Duration.ofSeconds(30),
                Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.empty(), List.of(), List.of(), false);
    }

    static TargetReport down(String id) {
        return new TargetReport(target(id), TargetState.DOWN, t(10), true, t(20), Duration.ofMillis(1234),
                "timeout: no answer in 5s", 0.75);
    }

    static TargetReport unknown(String id) {
        return new TargetReport(target(id), TargetState.UNKNOWN, null, false, null, null, null, Double.NaN);
    }

    @Test
    void everyFieldRoundTripsAndNullsStayNull() {
        store.publish("n1", List.of(down("borger-dk"), unknown("skat-dk")), t(30));

        assertThat(store.all()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "borger-dk", new StoredReport("borger-dk", TargetState.DOWN, t(10), true, t(20),
                        Duration.ofMillis(1234), "timeout: no answer in 5s", "n1", t(30)),
                "skat-dk", new StoredReport("skat-dk", TargetState.UNKNOWN, null, false, null, null, null,
                        "n1", t(30))));
    }

    @Test
    void aLaterReportReplacesTheTargetsLastWhicheverNodeSentIt() {
        store.publish("n1", List.of(down("borger-dk"), unknown("skat-dk")), t(30));
        TargetReport up = new TargetReport(target("borger-dk"), TargetState.UP, t(40), false, t(41),
                Duration.ofNanos(87_654_321), "", 0.8);

        store.publish("n2", List.of(up, unknown("kk-dk")), t(45));

        Map<String, StoredReport> all = store.all();
        assertThat(all).containsOnlyKeys("borger-dk", "skat-dk", "kk-dk");
        assertThat(all.get("borger-dk")).isEqualTo(new StoredReport("borger-dk", TargetState.UP, t(40), false,
                t(41), Duration.ofMillis(87), "", "n2", t(45)));
        assertThat(all.get("skat-dk").node()).isEqualTo("n1");
        assertThat(all.get("skat-dk").updatedAt()).isEqualTo(t(30));
        assertThat(all.get("kk-dk").node()).isEqualTo("n2");
    }

    @Test
    void ofTwoReportsOfOneTargetInABatchTheLastIsKept() {
        TargetReport up = new TargetReport(target("borger-dk"), TargetState.UP, t(40), false, t(41),
                Duration.ofMillis(80), "", 1.0);

        store.publish("n1", List.of(down("borger-dk"), up), t(45));

        assertThat(store.all()).hasSize(1);
        assertThat(store.all().get("borger-dk").state()).isEqualTo(TargetState.UP);
    }

    /** Ten thousand targets in one call, new and then all replaced: one transaction, two batches. */
    @Test
    void tenThousandTargetsGoInOneCall() {
        List<TargetReport> first = new ArrayList<>();
        List<TargetReport> second = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            first.add(unknown("site-" + i));
            second.add(down("site-" + i));
        }
        store.publish("n1", first, t(30));
        store.publish("n2", second, t(60));

        Map<String, StoredReport> all = store.all();
        assertThat(all).hasSize(10_000);
        assertThat(all.values()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(TargetState.DOWN);
            assertThat(r.node()).isEqualTo("n2");
        });
    }
}
