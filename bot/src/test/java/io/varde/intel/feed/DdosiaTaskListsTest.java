package io.varde.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.intel.TaskList;
import io.varde.intel.TaskListDiff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The real DDoSia lists in src/test/resources/ddosia (see the README there: source and licence). */
class DdosiaTaskListsTest {

    private static final Function<String, String> LOWER = h -> h.strip().toLowerCase(Locale.ROOT);

    static TaskList load(String name) throws IOException {
        try (InputStream in = DdosiaTaskListsTest.class.getResourceAsStream("/ddosia/" + name)) {
            assertThat(in).as(name).isNotNull();
            return DdosiaTaskLists.read(in, name, DdosiaTaskLists.observedAtFromName(name).orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}: {1} rows, {2} hosts")
    @CsvSource({
        "2023-09-11_14-05-08_DDoSia-target-list-full.json, 195, 21",
        "2024-12-10_07-10-03_DDoSia-target-list-full.json, 176, 18",
        "2025-10-02_11-10-35_DDoSia-target-list-full.json, 353, 29",
        "2025-10-03_07-10-31_DDoSia-target-list-full.json, 438, 35",
        "2025-11-05_12-05-11_DDoSia-target-list-full.json, 226, 21",
    })
    void everyFixtureLoads(String name, int rows, int hosts) throws IOException {
        TaskList list = load(name);

        assertThat(list.tasks()).hasSize(rows);
        assertThat(list.skipped()).isEmpty();
        assertThat(list.pathsByHost(LOWER)).hasSize(hosts);
        assertThat(list.observedAt()).isEqualTo(DdosiaTaskLists.observedAtFromName(name).orElseThrow());
    }

    @Test
    void aRowKeepsHowTheHostIsAttacked() throws IOException {
        TaskList list = load("2025-10-03_07-10-31_DDoSia-target-list-full.json");

        assertThat(list.tasks()).filteredOn(t -> t.host().equals("www.trm.dk")).first().satisfies(t -> {
            assertThat(t.port()).isEqualTo(443);
            assertThat(t.tls()).isTrue();
            assertThat(t.ip()).isNotBlank();
        });
        assertThat(list.pathsByHost(LOWER).get("www.trm.dk")).contains("/soegeresultat/?query=$_1", "");
    }

    @Test
    void theDiffOfTheTwoOctober2025ListsIsExact() throws IOException {
        TaskListDiff diff = TaskListDiff.between(load("2025-10-02_11-10-35_DDoSia-target-list-full.json"),
                load("2025-10-03_07-10-31_DDoSia-target-list-full.json"), LOWER);

        assertThat(diff.added()).containsExactly("e-prail.ro", "ro.dbcargo.com", "sts.ro", "timrailcargo.ro",
                "www.afer.ro", "www.mdlpa.ro", "www.pmb.ro");
        assertThat(diff.removed()).containsExactly("politics.leics.gov.uk");
        assertThat(diff.newPaths()).isEmpty();
        assertThat(diff.dropped()).isEmpty();
    }

    @Test
    void hostsAreComparedAsRead() throws IOException {
        TaskList before = list("{\"targets\":[{\"host\":\"www.cert.dk/www.cert.dk\"},{\"host\":\"bad host\"}]}");
        TaskList after = list("{\"targets\":[{\"host\":\"WWW.CERT.DK.\"},{\"host\":\"https://skat.dk/login\"}]}");

        TaskListDiff diff = TaskListDiff.between(before, after);
        assertThat(diff.added()).containsExactly("skat.dk");
        assertThat(diff.removed()).isEmpty();
    }

    @Test
    void theOctoberDiffIsTheSameWithHostsAsRead() throws IOException {
        TaskListDiff diff = TaskListDiff.between(load("2025-10-02_11-10-35_DDoSia-target-list-full.json"),
                load("2025-10-03_07-10-31_DDoSia-target-list-full.json"));
        assertThat(diff.added()).hasSize(7).contains("www.afer.ro");
        assertThat(diff.removed()).containsExactly("politics.leics.gov.uk");
    }

    @Test
    void newAndDroppedPathsOfAHostTaskedInBoth() throws IOException {
        TaskList before = list("{\"targets\":[{\"host\":\"www.trm.dk\",\"path\":\"/\"},{\"host\":\"www.trm.dk\",\"path\":\"/a\"}]}");
        TaskList after = list("{\"targets\":[{\"host\":\"WWW.TRM.DK\",\"path\":\"/a\"},{\"host\":\"www.trm.dk\",\"path\":\"/search?q=$_1\"}]}");

        TaskListDiff diff = TaskListDiff.between(before, after, LOWER);
        assertThat(diff.added()).isEmpty();
        assertThat(diff.newPaths()).isEqualTo(Map.of("www.trm.dk", Set.of("/search?q=$_1")));
        assertThat(diff.dropped()).isEqualTo(Map.of("www.trm.dk", Set.of("/")));
    }

    @Test
    void dirtyRowsAreSkippedWithAReasonAndExtraKeysIgnored() throws IOException {
        TaskList list = list("{\"extra\":1,\"targets\":[{\"host\":\"\"},{\"ip\":\"1.2.3.4\"},7,"
                + "{\"host\":\"tv2.dk/tv2.dk\",\"port\":\"x\",\"headers\":null,\"new_field\":[1]}]}");

        assertThat(list.skipped()).containsExactly("row 1: no host", "row 2: no host", "row 3: no host");
        assertThat(list.tasks()).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("tv2.dk/tv2.dk");
            assertThat(t.port()).isZero();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json at all", "[1,2]", "{\"targets\":{}}", ""})
    void aListThatIsNotOneIsRefusedWithAReason(String body) {
        assertThatThrownBy(() -> list(body)).isInstanceOf(DdosiaTaskLists.TaskListFormatException.class)
                .hasMessageStartingWith("test.json: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2025-10-02_11-10-35_DDoSia-target-list-full.json, 2025-10-02T11:10:35Z",
        "02-10-2025_11-10-35_DDoSia-target-list-full.json, 2025-10-02T11:10:35Z",
        "list.json, ",
        "2025-13-02_11-10-35_x.json, ",
    })
    void theSnapshotTimeComesFromTheFileName(String name, String expected) {
        assertThat(DdosiaTaskLists.observedAtFromName(name).map(Instant::toString).orElse(null)).isEqualTo(expected);
    }

    private static TaskList list(String json) throws IOException {
        return DdosiaTaskLists.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json",
                Instant.parse("2025-10-02T11:10:35Z"));
    }
}
