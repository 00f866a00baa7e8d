package io.varde.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.config.ConfigLoader;
import io.varde.config.ScenarioReader;
import io.varde.config.VardeConfig;
import io.varde.incident.Incident;
import io.varde.incident.IncidentKind;
import io.varde.incident.OutboxMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replay with an inhibition ({@code scenarios/replay/}): while borger.dk's DNS is down, its
 * website's outage is recorded but not announced; when the DNS is back, the website's incident is
 * announced as it stands, and its recovery too. A slow site meanwhile is DEGRADED.
 */
class InhibitionReplayTest {

    @Test
    void theWebsiteIsHeldBackWhileItsDnsIsDownAndItsRecoveryIsStillReported() throws Exception {
        Path dir = Path.of(InhibitionReplayTest.class.getResource("/scenarios/replay").toURI());
        VardeConfig config = ConfigLoader.load(dir.resolve("rules"), Map.of());
        Scenario scenario = ScenarioReader.read(dir.resolve("inhibition.yaml"), config.targets(), Map.of());

        ReplayResult result = Replay.run(scenario, config.targets(), config.team(), config.correlation());

        assertThat(result.incidents()).extracting(i -> i.targets().get(0).targetId() + " " + i.kind())
                .containsExactly("borger-dk-dns OUTAGE", "borger-dk OUTAGE", "kk-dk DEGRADED");
        assertThat(result.incidents()).allMatch(Incident::resolved);
        Incident web = result.incidents().get(1);
        assertThat(web.openedAt()).isEqualTo(Instant.parse("2025-11-13T06:13:10Z"));
        assertThat(result.alerts()).filteredOn(m -> m.incident() == web.number())
                .as("not announced when it opened (held back), then announced when released, then resolved")
                .extracting(m -> "r" + m.revision() + " " + m.createdAt() + " " + m.change())
                .containsExactly(
                        "r2 2025-11-13T06:41:00.120Z no longer held back: borger-dk-dns is no longer DOWN "
                                + "(inhibition:dns-down:borger-dk-dns)",
                        "r3 2025-11-13T06:51:00.120Z borger-dk is back UP after 37m50s DOWN: resolved");
        assertThat(result.alerts()).extracting(OutboxMessage::createdAt).isSorted();
        assertThat(result.incidents()).noneMatch(i -> i.kind() == IncidentKind.CONNECTIVITY);
    }
}
